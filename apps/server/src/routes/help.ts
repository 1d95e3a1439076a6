import { searchHelp } from '@portalflow/engine';
import type { HelpEntry, HelpWriteResult } from '@portalflow/store';
import { type Context, Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { canReadHelpHistory, canWriteHelp, HELP_SUPPORT_ROLE, requireHelpWriter } from '../help/access.ts';
import { videoWords } from '../help/media.ts';
import {
  ClinicBody,
  ClinicSlug,
  CreateHelpEntryBody,
  DeleteHelpQuery,
  ListHelpQuery,
  RevisionBody,
  UpdateHelpEntryBody,
} from '../help/schemas.ts';
import { ApiError } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body, query } from '../http/validate.ts';
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
export async function once(
  deps: AppDeps,
  c: Context<AppEnv>,
  user: AuthUser,
  write: () => Promise<{ status: 200 | 201; body: object }>,
): Promise<Response> {
  const idempotency = idempotencyOf(c);
  if (idempotency) {
    const seen = await deps.store.getIdempotency(idempotency.key, user.id);
    if (seen) {
      if (seen.route !== idempotency.route) throw idempotencyKeyReused();
      return c.json(seen.response as object, seen.status as 200);
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
export function helpRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/help/clinics',
    summary: 'Clinics with a help site',
    tag: 'help',
  });
  app.get('/clinics', async (c) => {
    requireUser(c);
    return c.json({ clinics: await deps.store.listHelpClinics() });
  });

  docs.add({
    instanceData: false,
    method: 'put',
    path: '/api/help/clinics/{slug}',
    summary: `Create or rename a clinic's help site (admins, designers, ${HELP_SUPPORT_ROLE})`,
    tag: 'help',
    body: ClinicBody,
    idempotent: true,
  });
  app.put('/clinics/:slug', async (c) => {
    const user = requireUser(c);
    requireHelpWriter(user);
    const slug = ClinicSlug.safeParse(c.req.param('slug'));
    if (!slug.success) throw new ApiError(400, 'VALIDATION_FAILED', `slug: ${slug.error.issues[0]?.message}`);
    const { name } = await body(c, ClinicBody);
    return once(deps, c, user, async () => ({
      status: 200,
      body: { clinic: await deps.store.putHelpClinic({ slug: slug.data, name, at: deps.clock() }) },
    }));
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/help/entries',
    summary:
      'Help entries (writers also see drafts); with `q`, ranked matches with highlighted title words and a snippet',
    tag: 'help',
    query: ListHelpQuery,
  });
  app.get('/entries', async (c) => {
    const user = requireUser(c);
    const q = query(c, ListHelpQuery);
    const writer = canWriteHelp(user);
    if (q.status === 'draft' && !writer) return c.json({ entries: [], matches: [] });
    const entries = await deps.store.listHelpEntries({
      clinic: q.clinic,
      audience: q.audience,
      language: q.language,
      status: writer ? q.status : 'published',
    });
    if (q.q === undefined || q.q.trim() === '') return c.json({ entries });
    const byId = new Map(entries.map((e) => [e.id, e]));
    const matches = searchHelp(
      entries.map((e) => ({ ...e, captions: videoWords(e) })),
      q.q,
    );
    return c.json({
      entries: matches.map((m) => byId.get(m.entry.id)!),
      matches: matches.map((m) => ({ id: m.entry.id, score: m.score, title: m.title, snippet: m.snippet })),
    });
  });

  docs.add({
    instanceData: false,
    method: 'post',
    path: '/api/help/entries',
    summary: 'Write a new entry (a draft unless published later)',
    tag: 'help',
    body: CreateHelpEntryBody,
    idempotent: true,
    responses: { 201: 'Created', 404: 'No such clinic' },
  });
  app.post('/entries', async (c) => {
    const user = requireUser(c);
    requireHelpWriter(user);
    const input = await body(c, CreateHelpEntryBody);
    return once(deps, c, user, async () => {
      const entry = await deps.store.createHelpEntry({ ...input, userId: user.id, at: deps.clock() });
      if (!entry) throw new ApiError(404, 'NOT_FOUND', `Clinic '${input.clinic}' has no help site`);
      return { status: 201, body: { entry } };
    });
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/help/entries/{id}',
    summary: 'One entry',
    tag: 'help',
  });
  app.get('/entries/:id', async (c) => {
    const user = requireUser(c);
    return c.json({ entry: await visibleEntry(deps, user, c.req.param('id')) });
  });

  docs.add({
    instanceData: false,
    method: 'put',
    path: '/api/help/entries/{id}',
    summary: 'Edit the given fields; refused (409) when someone changed the entry since `revision`',
    tag: 'help',
    body: UpdateHelpEntryBody,
    idempotent: true,
    responses: { 200: 'Saved', 409: 'Stale revision: the current entry is in details' },
  });
  app.put('/entries/:id', async (c) => {
    const user = requireUser(c);
    requireHelpWriter(user);
    const id = c.req.param('id');
    const { revision, ...patch } = await body(c, UpdateHelpEntryBody);
    return once(deps, c, user, async () => {
      const result = await deps.store.updateHelpEntry({
        id,
        expectedRevision: revision,
        patch,
        userId: user.id,
        at: deps.clock(),
      });
      return { status: 200, body: { entry: written(result, id) } };
    });
  });

  for (const [action, status] of [
    ['publish', 'published'],
    ['unpublish', 'draft'],
  ] as const) {
    docs.add({
      instanceData: false,
      method: 'post',
      path: `/api/help/entries/{id}/${action}`,
      summary: action === 'publish' ? 'Publish the entry to its audience' : 'Take the entry back to draft',
      tag: 'help',
      body: RevisionBody,
      idempotent: true,
      responses: { 200: 'Done', 409: 'Stale revision' },
    });
    app.post(`/entries/:id/${action}`, async (c) => {
      const user = requireUser(c);
      requireHelpWriter(user);
      const id = c.req.param('id');
      const { revision } = await body(c, RevisionBody);
      return once(deps, c, user, async () => {
        const current = await deps.store.getHelpEntry(id);
        // Publishing what is already published is a no-op, so a retried click is harmless.
        if (current?.status === status) return { status: 200, body: { entry: current } };
        const result = await deps.store.updateHelpEntry({
          id,
          expectedRevision: revision,
          patch: { status },
          userId: user.id,
          at: deps.clock(),
        });
        return { status: 200, body: { entry: written(result, id) } };
      });
    });
  }

  docs.add({
    instanceData: false,
    method: 'delete',
    path: '/api/help/entries/{id}',
    summary: 'Delete the entry as of `revision`; its edit history stays',
    tag: 'help',
    query: DeleteHelpQuery,
    idempotent: true,
    responses: { 200: 'Deleted', 409: 'Stale revision' },
  });
  app.delete('/entries/:id', async (c) => {
    const user = requireUser(c);
    requireHelpWriter(user);
    const id = c.req.param('id');
    const { revision } = query(c, DeleteHelpQuery);
    return once(deps, c, user, async () => {
      const result = await deps.store.deleteHelpEntry({
        id,
        expectedRevision: revision,
        userId: user.id,
        at: deps.clock(),
      });
      return { status: 200, body: { entry: written(result, id) } };
    });
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/help/entries/{id}/changes',
    summary: 'Who changed the entry, when, and each field old → new (writers and auditors)',
    tag: 'help',
  });
  app.get('/entries/:id/changes', async (c) => {
    const user = requireUser(c);
    if (!canReadHelpHistory(user))
      throw new ApiError(403, 'FORBIDDEN', 'The edit history is for help writers and auditors');
    const changes = await deps.store.listHelpEntryChanges(c.req.param('id'));
    if (changes.length === 0) throw notFound(c.req.param('id'));
    return c.json({ changes });
  });

  return app;
}
