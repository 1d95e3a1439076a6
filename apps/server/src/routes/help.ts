import {
  createHelpEntry,
  deleteHelpEntry,
  getHelpEntry,
  helpEntryChanges,
  listHelpClinics,
  listHelpEntries,
  publishHelpEntry,
  putHelpClinic,
  unpublishHelpEntry,
  updateHelpEntry,
} from '@portalflow/contract';
import { searchHelp } from '@portalflow/engine';
import type { HelpEntry, HelpWriteResult } from '@portalflow/store';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { requireUser } from '../auth/authenticate.ts';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { canReadHelpHistory, canWriteHelp, requireHelpWriter } from '../help/access.ts';
import { helpEdited } from '../help/edited.ts';
import { videoWords } from '../help/media.ts';
import { checkTranslation } from '../help/translations.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { idempotencyKeyReused } from '../instances/service.ts';

const notFound = (id: string) => new ApiError(404, 'NOT_FOUND', `Help entry '${id}' does not exist`);

/** Unpublished entries exist only for their writers; to everyone else they are not there at all. */
async function visibleEntry(deps: AppDeps, user: AuthUser, id: string): Promise<HelpEntry> {
  const entry = await deps.store.getHelpEntry(id);
  if (!entry || (entry.status !== 'published' && !canWriteHelp(user))) throw notFound(id);
  return entry;
}

function written(result: HelpWriteResult, id: string): HelpEntry {
  if (result.ok) return result.entry;
  if (result.reason === 'not-found') throw notFound(id);
  throw new ApiError(
    409,
    'STALE_REVISION',
    'Someone else changed this entry after you opened it; review their change first',
    { current: result.current },
  );
}

/**
 * Runs a write once per `Idempotency-Key`: a retry with the same key gets the first answer again
 * instead of a second write (or a 409 for the revision the first one already moved past).
 */
export async function once<B extends object, S extends 200 | 201>(
  deps: AppDeps,
  c: Context<AppEnv>,
  user: AuthUser,
  write: () => Promise<{ status: S; body: B }>,
): Promise<Response & TypedResponse<JSONParsed<B>, S, 'json'>> {
  const idempotency = idempotencyOf(c);
  if (idempotency) {
    const seen = await deps.store.getIdempotency(idempotency.key, user.id);
    if (seen) {
      if (seen.route !== idempotency.route) throw idempotencyKeyReused();
      return c.json(seen.response as B, seen.status as S);
    }
  }
  const { status, body } = await write();
  if (idempotency)
    await deps.store.saveIdempotency({
      key: idempotency.key,
      userId: user.id,
      route: idempotency.route,
      status,
      response: body,
      createdAt: deps.clock(),
    });
  return c.json(body, status);
}

/** Staff help: FAQ and how-to entries, read by everyone signed in, written by help writers. */
export function helpRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, listHelpClinics), async (c) => {
    requireUser(c);
    return c.json({ clinics: await deps.store.listHelpClinics() }, 200);
  });

  app.openapi(declared(docs, putHelpClinic), async (c) => {
    const user = requireUser(c);
    requireHelpWriter(user);
    const { slug } = c.req.valid('param');
    const { name } = c.req.valid('json');
    return once(deps, c, user, async () => ({
      status: 200 as const,
      body: { clinic: await deps.store.putHelpClinic({ slug, name, at: deps.clock() }) },
    }));
  });

  app.openapi(declared(docs, listHelpEntries), async (c) => {
    const user = requireUser(c);
    const q = c.req.valid('query');
    const writer = canWriteHelp(user);
    if (q.status === 'draft' && !writer) return c.json({ entries: [], matches: [] }, 200);
    const entries = await deps.store.listHelpEntries({
      clinic: q.clinic,
      audience: q.audience,
      language: q.language,
      status: writer ? q.status : 'published',
    });
    if (q.q === undefined || q.q.trim() === '') return c.json({ entries }, 200);
    const byId = new Map(entries.map((e) => [e.id, e]));
    const matches = searchHelp(
      entries.map((e) => ({ ...e, captions: videoWords(e) })),
      q.q,
    );
    return c.json(
      {
        entries: matches.map((m) => byId.get(m.entry.id)!),
        matches: matches.map((m) => ({ id: m.entry.id, score: m.score, title: m.title, snippet: m.snippet })),
      },
      200,
    );
  });

  app.openapi(declared(docs, createHelpEntry), async (c) => {
    const user = requireUser(c);
    requireHelpWriter(user);
    const input = c.req.valid('json');
    return once(deps, c, user, async () => {
      await checkTranslation(deps.store, input, input.translationOf);
      const entry = await deps.store.createHelpEntry({ ...input, userId: user.id, at: deps.clock() });
      if (!entry) throw new ApiError(404, 'NOT_FOUND', `Clinic '${input.clinic}' has no help site`);
      await helpEdited(deps, entry.clinic);
      return { status: 201 as const, body: { entry } };
    });
  });

  app.openapi(declared(docs, getHelpEntry), async (c) => {
    const user = requireUser(c);
    return c.json({ entry: await visibleEntry(deps, user, c.req.valid('param').id) }, 200);
  });

  app.openapi(declared(docs, updateHelpEntry), async (c) => {
    const user = requireUser(c);
    requireHelpWriter(user);
    const { id } = c.req.valid('param');
    const { revision, ...patch } = c.req.valid('json');
    return once(deps, c, user, async () => {
      const current = await deps.store.getHelpEntry(id);
      if (current)
        await checkTranslation(
          deps.store,
          { id, clinic: current.clinic, language: patch.language ?? current.language },
          patch.translationOf,
        );
      const result = await deps.store.updateHelpEntry({
        id,
        expectedRevision: revision,
        patch,
        userId: user.id,
        at: deps.clock(),
      });
      const entry = written(result, id);
      await helpEdited(deps, entry.clinic);
      return { status: 200 as const, body: { entry } };
    });
  });

  for (const [spec, status] of [
    [publishHelpEntry, 'published'],
    [unpublishHelpEntry, 'draft'],
  ] as const) {
    app.openapi(declared(docs, spec), async (c) => {
      const user = requireUser(c);
      requireHelpWriter(user);
      const { id } = c.req.valid('param');
      const { revision } = c.req.valid('json');
      return once(deps, c, user, async () => {
        const current = await deps.store.getHelpEntry(id);
        // Publishing what is already published is a no-op, so a retried click is harmless.
        if (current?.status === status) return { status: 200 as const, body: { entry: current } };
        const result = await deps.store.updateHelpEntry({
          id,
          expectedRevision: revision,
          patch: { status },
          userId: user.id,
          at: deps.clock(),
        });
        const entry = written(result, id);
        await helpEdited(deps, entry.clinic);
        return { status: 200 as const, body: { entry } };
      });
    });
  }

  app.openapi(declared(docs, deleteHelpEntry), async (c) => {
    const user = requireUser(c);
    requireHelpWriter(user);
    const { id } = c.req.valid('param');
    const { revision } = c.req.valid('query');
    return once(deps, c, user, async () => {
      const result = await deps.store.deleteHelpEntry({
        id,
        expectedRevision: revision,
        userId: user.id,
        at: deps.clock(),
      });
      const entry = written(result, id);
      await helpEdited(deps, entry.clinic);
      return { status: 200 as const, body: { entry } };
    });
  });

  app.openapi(declared(docs, helpEntryChanges), async (c) => {
    const user = requireUser(c);
    if (!canReadHelpHistory(user))
      throw new ApiError(403, 'FORBIDDEN', 'The edit history is for help writers and auditors');
    const { id } = c.req.valid('param');
    const changes = await deps.store.listHelpEntryChanges(id);
    if (changes.length === 0) throw notFound(id);
    return c.json({ changes }, 200);
  });

  return app;
}
