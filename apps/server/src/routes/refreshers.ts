import { roleDuties } from '@portalflow/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, clinicRoles, isAuditor, isLead } from '../auth/roles.ts';
import type { DefinitionCache } from '../definitions/cache.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body } from '../http/validate.ts';
import { idempotencyKeyReused } from '../instances/service.ts';
import { holdersOf, type RefresherIndex } from '../roles/catalog.ts';
import { changeStatus, periodicStatus } from '../roles/refreshers.ts';

const roleId = z.string().min(1).max(80);
export const AcknowledgeBody = z
  .object({ definitionId: z.string().min(1).max(200), version: z.number().int().min(2), role: roleId })
  .strict();
export const ScheduleBody = z
  .object({
    role: roleId.optional(),
    definitionId: z.string().min(1).max(200).optional(),
    everyDays: z.number().int().min(1).max(3650),
  })
  .strict()
  .refine((s) => s.role !== undefined || s.definitionId !== undefined, {
    message: 'name a role, a workflow, or both',
  });

function requireLead(user: AuthUser): void {
  if (!isLead(user)) throw forbidden('Only designers and admins schedule refreshers');
}

export function refresherRoutes(
  deps: AppDeps,
  docs: ApiDocs,
  versions: DefinitionCache,
  refreshers: RefresherIndex,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const latestDuties = async () => roleDuties(await versions.latest());

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/refreshers/mine',
    summary: 'What changed for you: refreshers for the roles you hold, and periodic refreshers due',
    tag: 'refreshers',
  });
  app.get('/mine', async (c) => {
    const user = requireUser(c);
    const roles = clinicRoles(user);
    if (roles.length === 0) return c.json({ changes: [], periodic: [] });
    const [all, acks, completions, schedules, duties] = await Promise.all([
      refreshers.all(),
      deps.store.listRefresherAcknowledgements({ userId: user.id }),
      deps.store.listPracticeCompletions({ userId: user.id }),
      deps.store.listRefresherSchedules(),
      latestDuties(),
    ]);
    const changes = all
      .filter((r) => roles.includes(r.role))
      .map((r) => ({ ...r, ...changeStatus(r, user.id, acks, completions) }))
      .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
    const now = deps.clock();
    const periodic = schedules
      .map((s) => periodicStatus(s, { id: user.id, roles }, duties, completions, now))
      .filter((p) => p !== null)
      .map((p) => ({ ...p, title: titleOf(duties, p.definitionId) }));
    return c.json({ changes, periodic });
  });

  docs.add({
    instanceData: false,
    method: 'post',
    path: '/api/refreshers/acknowledge',
    summary: 'Confirm you read what changed for one of your roles in a published version',
    tag: 'refreshers',
    body: AcknowledgeBody,
    idempotent: true,
    responses: {
      200: 'Acknowledged (repeats keep the first time)',
      403: 'You do not hold the role',
      404: 'No such refresher',
    },
  });
  app.post('/acknowledge', async (c) => {
    const user = requireUser(c);
    const input = await body(c, AcknowledgeBody);
    if (!clinicRoles(user).includes(input.role)) throw forbidden('You do not hold this role');
    const refresher = (await refreshers.all()).find(
      (r) => r.definitionId === input.definitionId && r.version === input.version && r.role === input.role,
    );
    if (!refresher) throw notFound('That refresher');
    const ack = await deps.store.acknowledgeRefresher({ userId: user.id, ...input, at: deps.clock() });
    return c.json({ acknowledgement: ack });
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/refreshers',
    summary: 'Every refresher with who has done it and who has not (leads, auditors)',
    tag: 'refreshers',
    responses: { 200: 'Refreshers and schedules with people', 403: 'Not a lead or auditor' },
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    if (!isLead(user) && !isAuditor(user)) throw forbidden('Only leads and auditors see training records');
    const [all, acks, completions, schedules, users, duties] = await Promise.all([
      refreshers.all(),
      deps.store.listRefresherAcknowledgements(),
      deps.store.listPracticeCompletions(),
      deps.store.listRefresherSchedules(),
      deps.store.listUsers(),
      latestDuties(),
    ]);
    const now = deps.clock();
    const changes = all
      .map((r) => ({
        ...r,
        people: holdersOf(users, r.role).map((p) => ({ ...p, ...changeStatus(r, p.id, acks, completions) })),
      }))
      .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
    const periodic = schedules.map((s) => ({
      ...s,
      title: s.definitionId ? titleOf(duties, s.definitionId) : null,
      roleName: s.role ? (duties[s.role]?.name ?? s.role) : null,
      people: users
        .filter((u) => !u.disabled)
        .map((u) => {
          const status = periodicStatus(s, u, duties, completions, now);
          return status ? { id: u.id, username: u.username, displayName: u.displayName, ...status } : null;
        })
        .filter((p) => p !== null),
    }));
    return c.json({ changes, schedules: periodic });
  });

  return app;
}

function titleOf(duties: ReturnType<typeof roleDuties>, definitionId: string): string {
  for (const d of Object.values(duties)) {
    const w = d.workflows.find((x) => x.definitionId === definitionId);
    if (w) return w.title;
  }
  return definitionId;
}

export function refresherScheduleRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/refresher-schedules',
    summary: 'Periodic refresher schedules (leads, auditors)',
    tag: 'refreshers',
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    if (!isLead(user) && !isAuditor(user)) throw forbidden('Only leads and auditors see training records');
    return c.json({ schedules: await deps.store.listRefresherSchedules() });
  });

  docs.add({
    instanceData: false,
    method: 'post',
    path: '/api/refresher-schedules',
    summary: 'Schedule a refresher every N days for a role, a workflow, or a role in one workflow (lead)',
    tag: 'refreshers',
    body: ScheduleBody,
    idempotent: true,
    responses: { 201: 'Scheduled', 403: 'Not a lead' },
  });
  app.post('/', async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const input = await body(c, ScheduleBody);
    const key = idempotencyOf(c);
    if (key) {
      const seen = await deps.store.getIdempotency(key.key, user.id);
      if (seen) {
        if (seen.route !== key.route) throw idempotencyKeyReused();
        return c.json(seen.response as object, seen.status as 201);
      }
    }
    const schedule = await deps.store.addRefresherSchedule({
      role: input.role ?? null,
      definitionId: input.definitionId ?? null,
      everyDays: input.everyDays,
      createdBy: user.id,
      createdAt: deps.clock(),
    });
    if (key)
      await deps.store.saveIdempotency({
        key: key.key,
        userId: user.id,
        route: key.route,
        status: 201,
        response: { schedule },
      });
    return c.json({ schedule }, 201);
  });

  docs.add({
    instanceData: false,
    method: 'delete',
    path: '/api/refresher-schedules/{id}',
    summary: 'Stop a periodic refresher (lead)',
    tag: 'refreshers',
    responses: { 200: 'Deleted', 403: 'Not a lead', 404: 'No such schedule' },
  });
  app.delete('/:id', async (c) => {
    const user = requireUser(c);
    requireLead(user);
    if (!(await deps.store.deleteRefresherSchedule(c.req.param('id')))) throw notFound('The schedule');
    return c.json({ deleted: true });
  });

  return app;
}
