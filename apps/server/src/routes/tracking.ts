import {
  createTrackingEntry,
  deleteTrackingEntry,
  editTrackingEntry,
  listTrackingEntries,
  trackingCsvName,
  trackingEntryChanges,
  trackingSheet,
} from '@portalflow/contract';
import { idToWords } from '@portalflow/engine/text';
import type { TrackingEntry, TrackingEntryResult } from '@portalflow/store';
import type { Context } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, canAct, isAuditor, isLead } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { idempotencyKeyReused } from '../instances/service.ts';
import { ENTRY_FIELDS, type EntryKind } from '../tracking/entries.ts';
import { clinicTimeZone, period } from '../tracking/period.ts';
import { buildSheet, type Names, type SheetScope, tableCsv, UNCLAIMED } from '../tracking/sheet.ts';

/** Leads (admin, designer) and auditors read everyone's sheet; everyone else reads their own. */
const readsEveryone = (user: AuthUser) => isLead(user) || isAuditor(user);

/** Who may change a manual entry: its owner, and leads for anyone's. Auditors never write. */
const mayEdit = (user: AuthUser, entry: TrackingEntry) =>
  canAct(user) && (isLead(user) || entry.userId === user.id);

/**
 * The task tracking sheet and manual tracking entries. Workflow numbers come from the task projection
 * and the hash-chained events, with practice (sandbox) work left out; manual entries carry their own
 * append-only, hash-chained audit trail.
 */
export function trackingRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  const timeZone = clinicTimeZone(deps.calendar);

  async function names(): Promise<Names> {
    // Work is only ever done on published versions: their titles, never a draft's work in progress.
    const [users, definitions] = await Promise.all([deps.store.listUsers(), deps.store.listPublished()]);
    const people = new Map(users.map((u) => [u.id, u.displayName]));
    const workflows = new Map(definitions.map((d) => [d.id, d.title]));
    const roles = new Map<string, string>();
    const versions = await Promise.all(definitions.map((d) => deps.store.getVersion(d.id, d.latestVersion)));
    const steps = new Map<string, string>();
    for (const v of versions) {
      for (const r of v?.definition.roles ?? []) if (!roles.has(r.id)) roles.set(r.id, r.name);
      for (const [id, step] of Object.entries(v?.definition.steps ?? {}))
        if ('title' in step && step.title) steps.set(`${v!.definitionId} ${id}`, step.title);
    }
    return {
      person: (p) => (p === null ? UNCLAIMED : (people.get(p) ?? p)),
      role: (r) => (r === null ? '' : (roles.get(r) ?? r)),
      workflow: (w) => (w === null ? '' : (workflows.get(w) ?? w)),
      step: (w, id) => (id === null ? '' : (steps.get(`${w} ${id}`) ?? idToWords(id))),
      holders: (role) => new Set(users.filter((u) => u.roles.includes(role)).map((u) => u.id)),
    };
  }

  /** Replays a stored answer for a reused Idempotency-Key, or runs `fn` and stores its answer. */
  async function idempotent<B extends object, S extends 200 | 201>(
    c: Context<AppEnv>,
    user: AuthUser,
    fn: () => Promise<{ status: S; body: B }>,
  ) {
    const key = idempotencyOf(c);
    if (key) {
      const seen = await deps.store.getIdempotency(key.key, user.id);
      if (seen && seen.route !== key.route) throw idempotencyKeyReused();
      if (seen) return c.json(seen.response as B, seen.status as S);
    }
    const out = await fn();
    if (key)
      await deps.store.saveIdempotency({
        key: key.key,
        userId: user.id,
        route: key.route,
        status: out.status,
        response: out.body,
        createdAt: deps.clock(),
      });
    return c.json(out.body, out.status);
  }

  function answer(result: TrackingEntryResult) {
    if (result.ok) return result.entry;
    if (result.reason === 'not-found') throw notFound('The tracking entry');
    throw new ApiError(409, 'STALE_REVISION', 'The entry was changed by someone else; reload it', {
      current: result.current,
    });
  }

  async function editable(c: Context<AppEnv>, user: AuthUser, action: string) {
    const entry = await deps.store.getTrackingEntry(c.req.param('id')!);
    if (!entry) throw notFound('The tracking entry');
    if (!mayEdit(user, entry)) {
      await recordAccess(deps, c, user, {
        category: 'tracking',
        outcome: 'deny',
        detail: `${action} ${entry.id}`,
      });
      throw forbidden('You change your own entries; leads change anyone’s');
    }
    return entry;
  }

  app.openapi(declared(docs, trackingSheet), async (c) => {
    const user = requireUser(c);
    const q = c.req.valid('query');
    const scope: SheetScope = { view: q.view ?? 'person' };
    if (!readsEveryone(user)) {
      if (q.view === 'role' || (q.person !== undefined && q.person !== user.id)) {
        await recordAccess(deps, c, user, { category: 'tracking', outcome: 'deny', detail: 'sheet' });
        throw forbidden('You see your own tracking sheet; leads see everyone’s and per role');
      }
      scope.userId = user.id;
    } else if (q.person !== undefined) scope.userId = q.person;
    if (q.role !== undefined) scope.role = q.role;
    const p = period(q.from, q.to, timeZone);
    const named = await names();
    const sheet = await buildSheet(deps.store, p, scope, deps.clock(), named);
    await recordAccess(deps, c, user, {
      category: 'tracking',
      outcome: 'allow',
      detail: `sheet ${scope.view}${q.format === 'csv' ? ` csv ${q.table}` : ''}`,
    });
    if (q.format === 'csv') {
      const table = sheet.tables.find((t) => t.id === q.table)!;
      const file = trackingCsvName({
        table: q.table,
        from: p.from,
        to: p.to,
        view: scope.view,
        ...(q.role !== undefined ? { role: q.role } : {}),
        ...(q.person !== undefined ? { person: named.person(q.person) } : {}),
      });
      c.header('Content-Disposition', `attachment; filename="${file}"`);
      return c.body(tableCsv(table), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json(sheet, 200);
  });

  app.openapi(declared(docs, listTrackingEntries), async (c) => {
    const user = requireUser(c);
    const q = c.req.valid('query');
    if (q.to < q.from) throw new ApiError(400, 'VALIDATION_FAILED', 'from is after to');
    let userId = q.person;
    if (!readsEveryone(user)) {
      if (userId !== undefined && userId !== user.id) {
        await recordAccess(deps, c, user, { category: 'tracking', outcome: 'deny', detail: 'entries' });
        throw forbidden('You see your own entries');
      }
      userId = user.id;
    }
    const entries = await deps.store.listTrackingEntries({
      fromDay: q.from,
      toDay: q.to,
      ...(userId !== undefined ? { userId } : {}),
      ...(q.kind !== undefined ? { kind: q.kind } : {}),
    });
    await recordAccess(deps, c, user, { category: 'tracking', outcome: 'allow', detail: 'entries' });
    return c.json({ entries }, 200);
  });

  app.openapi(declared(docs, createTrackingEntry), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const owner = input.userId ?? user.id;
    if (!canAct(user) || (owner !== user.id && !isLead(user))) {
      await recordAccess(deps, c, user, { category: 'tracking', outcome: 'deny', detail: 'create entry' });
      throw forbidden('You record your own work; leads record anyone’s');
    }
    if (owner !== user.id && !(await deps.store.getUser(owner))) throw notFound('The person');
    return idempotent(c, user, async () => {
      const entry = await deps.store.createTrackingEntry({
        userId: owner,
        kind: input.kind,
        day: input.day,
        fields: input.fields,
        actor: user.id,
        at: deps.clock(),
      });
      await recordAccess(deps, c, user, {
        category: 'tracking',
        outcome: 'allow',
        detail: `created ${entry.id}`,
      });
      return { status: 201 as const, body: { entry } };
    });
  });

  app.openapi(declared(docs, editTrackingEntry), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const entry = await editable(c, user, 'edit');
    let fields: Record<string, unknown> | undefined;
    if (input.fields !== undefined) {
      const parsed = ENTRY_FIELDS[entry.kind as EntryKind].safeParse(input.fields);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ApiError(400, 'VALIDATION_FAILED', `fields.${issue?.path.join('.')}: ${issue?.message}`);
      }
      fields = parsed.data as Record<string, unknown>;
    }
    return idempotent(c, user, async () => {
      const updated = answer(
        await deps.store.updateTrackingEntry({
          id: entry.id,
          expectedRevision: input.revision,
          actor: user.id,
          at: deps.clock(),
          ...(input.day !== undefined ? { day: input.day } : {}),
          ...(fields !== undefined ? { fields } : {}),
        }),
      );
      await recordAccess(deps, c, user, {
        category: 'tracking',
        outcome: 'allow',
        detail: `edited ${entry.id}`,
      });
      return { status: 200 as const, body: { entry: updated } };
    });
  });

  app.openapi(declared(docs, deleteTrackingEntry), async (c) => {
    const user = requireUser(c);
    const { revision } = c.req.valid('query');
    const entry = await editable(c, user, 'delete');
    return idempotent(c, user, async () => {
      answer(
        await deps.store.deleteTrackingEntry({
          id: entry.id,
          expectedRevision: revision,
          actor: user.id,
          at: deps.clock(),
        }),
      );
      await recordAccess(deps, c, user, {
        category: 'tracking',
        outcome: 'allow',
        detail: `deleted ${entry.id}`,
      });
      return { status: 200 as const, body: { deleted: entry.id } };
    });
  });

  app.openapi(declared(docs, trackingEntryChanges), async (c) => {
    const user = requireUser(c);
    const entryId = c.req.valid('param').id;
    const changes = await deps.store.listTrackingEntryChanges(entryId);
    if (changes.length === 0) throw notFound('The tracking entry');
    const owner = changes[0]!.changes.find((ch) => ch.field === 'userId')?.to;
    if (!readsEveryone(user) && owner !== user.id) {
      await recordAccess(deps, c, user, {
        category: 'tracking',
        outcome: 'deny',
        detail: `changes ${entryId}`,
      });
      throw forbidden('You see the history of your own entries');
    }
    await recordAccess(deps, c, user, {
      category: 'tracking',
      outcome: 'allow',
      detail: `changes ${entryId}`,
    });
    return c.json({ changes, verify: await deps.store.verifyTrackingEntry(entryId) }, 200);
  });

  return app;
}
