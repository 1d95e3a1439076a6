import {
  acknowledgeRefresher,
  addRefresherSchedule,
  deleteRefresherSchedule,
  listRefresherSchedules,
  myRefreshers,
  refresherOverview,
} from '@portalflow/contract';
import { parseCalendar } from '@portalflow/engine';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, clinicRoles, isAuditor, isLead } from '../auth/roles.ts';
import type { DefinitionCache } from '../definitions/cache.ts';
import type { AppDeps } from '../deps.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { idempotencyKeyReused } from '../instances/service.ts';
import { ChangeRefreshers } from '../roles/change-refreshers.ts';
import { dutiesInUse } from '../roles/duties-in-use.ts';
import { REAL_PRACTICE, realPractice } from '../roles/real-practice.ts';
import type { RefresherIndex } from '../roles/refresher-index.ts';
import { periodicStatus, titleOf } from '../roles/refreshers.ts';

const after = (at: string) => new Date(Date.parse(at) + 1).toISOString();

function requireLead(user: AuthUser): void {
  if (!isLead(user)) throw forbidden('Only designers and admins schedule refreshers');
}

export function refresherRoutes(
  deps: AppDeps,
  docs: ApiDocs,
  versions: DefinitionCache,
  refreshers: RefresherIndex,
): ApiRoutes {
  const app = apiRoutes();
  // What staff practise: the workflows in use (a retired one starts no new request, so none to practise).
  const latestDuties = () => dutiesInUse(versions);
  // A schedule keeps its workflow's title when the workflow is retired.
  const titles = async () =>
    new Map((await versions.latest()).map((w) => [w.definition.id, w.definition.title]));
  const changeRefreshers = new ChangeRefreshers(deps.store, refreshers);
  // Read each time: the clinic's hours can be changed in the app.
  const calendar = () => (deps.calendar === undefined ? null : parseCalendar(deps.calendar));

  app.openapi(declared(docs, myRefreshers), async (c) => {
    const user = requireUser(c);
    const roles = clinicRoles(user);
    if (roles.length === 0) return c.json({ changes: [], periodic: [] }, 200);
    const [changes, completions, schedules, duties] = await Promise.all([
      changeRefreshers.mine(user.id, roles),
      deps.store.listPracticeCompletions({ userId: user.id }),
      deps.store.listRefresherSchedules(),
      latestDuties(),
    ]);
    const now = deps.clock();
    const periodic = schedules
      .map((s) => periodicStatus(s, { id: user.id, roles }, duties, completions, now, calendar()))
      .filter((p) => p !== null)
      .map((p) => ({ ...p, title: titleOf(duties, p.definitionId) }));
    return c.json({ changes, periodic }, 200);
  });

  app.openapi(declared(docs, acknowledgeRefresher), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    if (!clinicRoles(user).includes(input.role)) throw forbidden('You do not hold this role');
    const ack = await changeRefreshers.acknowledge(user.id, input, deps.clock());
    return c.json({ acknowledgement: ack }, 200);
  });

  app.openapi(declared(docs, refresherOverview), async (c) => {
    const user = requireUser(c);
    if (!isLead(user) && !isAuditor(user)) throw forbidden('Only leads and auditors see training records');
    const now = deps.clock();
    const from = new Date(Date.parse(now) - REAL_PRACTICE.days * 86_400_000).toISOString();
    const users = await deps.store.listUsers();
    const [changes, completions, schedules, duties, workflowTitles, tallies] = await Promise.all([
      changeRefreshers.overview(users),
      deps.store.listPracticeCompletions(),
      deps.store.listRefresherSchedules(),
      latestDuties(),
      titles(),
      // `to` is exclusive: a task completed this very moment counts.
      deps.store.tallyCompletedTasks({ from, to: after(now), keys: ['person', 'role', 'workflow'] }),
    ]);
    const periodic = schedules.map((s) => ({
      ...s,
      title: s.definitionId ? (workflowTitles.get(s.definitionId) ?? s.definitionId) : null,
      roleName: s.role ? (duties[s.role]?.name ?? s.role) : null,
      people: users
        .filter((u) => !u.disabled)
        .map((u) => {
          const status = periodicStatus(s, u, duties, completions, now, calendar());
          return status ? { id: u.id, username: u.username, displayName: u.displayName, ...status } : null;
        })
        .filter((p) => p !== null),
    }));
    return c.json({ changes, schedules: periodic, practice: realPractice(duties, users, tallies) }, 200);
  });

  return app;
}

export function refresherScheduleRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, listRefresherSchedules), async (c) => {
    const user = requireUser(c);
    if (!isLead(user) && !isAuditor(user)) throw forbidden('Only leads and auditors see training records');
    return c.json({ schedules: await deps.store.listRefresherSchedules() }, 200);
  });

  app.openapi(declared(docs, addRefresherSchedule), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const input = c.req.valid('json');
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

  app.openapi(declared(docs, deleteRefresherSchedule), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    if (!(await deps.store.deleteRefresherSchedule(c.req.valid('param').id))) throw notFound('The schedule');
    return c.json({ deleted: true as const }, 200);
  });

  return app;
}
