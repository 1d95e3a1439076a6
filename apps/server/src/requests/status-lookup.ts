import type { RequestStatus } from '@portalflow/contract';
import { type Definition, requestSubject, stepTitle } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import { type AuthUser, canAct } from '../auth/roles.ts';
import { clinicToday } from '../clinic/today.ts';
import type { AppDeps } from '../deps.ts';
import { canReadGiven } from '../instances/access.ts';
import type { InstanceService } from '../instances/service.ts';

/** Finished requests stay in a status lookup this long: "was my refill sent last week?" */
export const STATUS_DAYS = 30;
/** A patient has few requests; more than this many matches is a reference typed too loosely. */
const MOST = 100;

/** Whose requests a status lookup lists: a patient's, by the reference the caller gave, or one by its id. */
export type StatusLookup = { patient: string } | { instanceId: string };

/**
 * A patient's requests for a status call: every open one, and those finished in the last 30 days,
 * found by the patient reference in their data (any field, without case). The caller learns what
 * each waits on — which role, due when, in the pool or taken — and, only where they may read the
 * request itself (a role with a task in it, or they started it), its subject and steps' titles. So
 * the front desk can say "it is with the provider, due Monday" about a lab result without seeing
 * which test it is. Whoever started a request is told whether they may still withdraw it. One
 * request asked for by its id (the warning about an already open one links to it) is told the same way.
 */
export async function requestStatus(
  deps: AppDeps,
  instances: InstanceService,
  user: AuthUser,
  lookup: StatusLookup,
  practice: boolean,
): Promise<RequestStatus[]> {
  const ids =
    'instanceId' in lookup ? [lookup.instanceId] : await patientRequests(deps, lookup.patient, practice);
  const today = clinicToday(deps);
  const open: RequestStatus[] = [];
  const finished: RequestStatus[] = [];
  for (const id of ids) {
    const instance = await deps.store.getInstance(id);
    if (!instance) continue;
    const definition = await instances.definition(instance.definitionId, instance.version);
    const tasks = await deps.store.listInstanceTasks(instance.id);
    const readable = canReadGiven(user, instance, tasks);
    const roleName = (role: string) => definition.roles.find((r) => r.id === role)?.name ?? role;
    const row: RequestStatus = {
      instanceId: instance.id,
      workflow: definition.title,
      status: instance.status,
      startedAt: instance.startedAt,
      endedAt: instance.status === 'active' ? null : instance.updatedAt,
      readable,
      subject: readable ? (requestSubject(definition, instance.snapshot.context.data, today) ?? null) : null,
      cancelReason:
        readable && instance.status === 'cancelled'
          ? await reasonOf(deps, instance.id, instance.revision)
          : null,
      withdrawable: await instances.mayWithdraw(user, instance),
      // Emergency access reads only: a note is refused it, so it is not offered.
      notable:
        instance.status === 'active' &&
        canAct(user) &&
        canReadGiven(user, instance, tasks, { emergency: false }),
      waitingOn: await Promise.all(
        tasks
          .filter((t) => t.status === 'open')
          .map(async (t) => ({
            roleName: roleName(t.role),
            step: readable ? stepTitle(definition, t.step) : null,
            due: t.due,
            taken: t.assignee !== null,
            heldBy:
              readable && t.assignee ? ((await deps.store.getUser(t.assignee))?.displayName ?? null) : null,
          })),
      ),
      waits: waitsOf(instance, definition, readable),
    };
    (row.status === 'active' ? open : finished).push(row);
  }
  return [...open, ...finished];
}

/** The request's waiting steps, each with the soonest of its timers (when the wait ends at the latest). */
function waitsOf(instance: Instance, definition: Definition, readable: boolean): RequestStatus['waits'] {
  const { active, timers } = instance.snapshot.context;
  return Object.values(active)
    .filter((a) => a.kind === 'wait')
    .sort((x, y) => Number(x.token) - Number(y.token))
    .map((a) => {
      const dues = Object.values(timers)
        .filter((timer) => timer.token === a.token)
        .map((timer) => timer.due)
        .sort();
      const step = definition.steps[a.step];
      const endEarlyBy = step?.type === 'wait' ? (step.endEarlyBy ?? null) : null;
      if (!readable) return { step: null, until: dues[0] ?? null, token: null, endEarlyBy: null };
      return { step: stepTitle(definition, a.step), until: dues[0] ?? null, token: a.token, endEarlyBy };
    });
}

/** Ids of a patient's open requests and those finished in the last 30 days, newest first. */
async function patientRequests(deps: AppDeps, patient: string, practice: boolean): Promise<string[]> {
  const since = new Date(Date.parse(deps.clock()) - STATUS_DAYS * 24 * 3600_000).toISOString();
  // One read per state, each narrowed by the status index (and finished ones by when they ended)
  // before any instance's data is read: the data match itself cannot use an index.
  const find = (status: 'active' | 'done' | 'cancelled') =>
    deps.store.listInstances({
      status,
      dataValue: patient.trim(),
      practice,
      limit: MOST,
      ...(status === 'active' ? {} : { updatedFrom: since }),
    });
  const pages = await Promise.all([find('active'), find('done'), find('cancelled')]);
  return pages
    .flatMap((p) => p.items)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
    .map((summary) => summary.id);
}

/** The reason a cancel event gave (the last event of a cancelled request), or null. */
async function reasonOf(deps: AppDeps, instanceId: string, revision: number): Promise<string | null> {
  const [last] = await deps.store.listEvents(instanceId, { fromSeq: revision, toSeq: revision });
  const reason = (last?.payload as { type?: string; reason?: unknown } | undefined)?.reason;
  return last?.type === 'cancel' && typeof reason === 'string' && reason.trim() !== '' ? reason : null;
}
