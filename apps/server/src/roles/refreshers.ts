import type { RoleDuties } from '@portalflow/engine';
import type {
  PracticeCompletion,
  RefresherAcknowledgement,
  RefresherSchedule,
  User,
} from '@portalflow/store';
import type { RoleRefresher } from './catalog.ts';

/**
 * Who has done which refresher, computed on read from the acknowledgements, the finished practice
 * runs and the schedules: no background job, nothing to fall out of date.
 */
export interface ChangeStatus {
  acknowledgedAt: string | null;
  /** When a practice run of this version (or a later one) was finished. */
  practiceDoneAt: string | null;
  done: boolean;
}

export function changeStatus(
  r: RoleRefresher,
  userId: string,
  acks: readonly RefresherAcknowledgement[],
  completions: readonly PracticeCompletion[],
): ChangeStatus {
  const ack = acks.find(
    (a) =>
      a.userId === userId &&
      a.definitionId === r.definitionId &&
      a.version === r.version &&
      a.role === r.role,
  );
  const practice = completions
    .filter((c) => c.userId === userId && c.definitionId === r.definitionId && c.version >= r.version)
    .map((c) => c.doneAt)
    .sort()
    .at(-1);
  return {
    acknowledgedAt: ack?.at ?? null,
    practiceDoneAt: practice ?? null,
    done: ack !== undefined && practice !== undefined,
  };
}

export interface PeriodicStatus {
  scheduleId: string;
  role: string | null;
  /** The workflow to practise. */
  definitionId: string;
  everyDays: number;
  lastDoneAt: string | null;
  dueAt: string;
  due: boolean;
}

const DAY_MS = 86_400_000;

/** Workflows a schedule covers for someone holding `roles`: its own, or every one where the role owns a step. */
export function scheduledWorkflows(
  schedule: RefresherSchedule,
  roles: readonly string[],
  duties: Record<string, RoleDuties>,
): string[] {
  const owning = (role: string) =>
    (duties[role]?.workflows ?? []).filter((w) => w.steps.length > 0).map((w) => w.definitionId);
  if (schedule.role !== null) {
    if (!roles.includes(schedule.role)) return [];
    const mine = owning(schedule.role);
    if (schedule.definitionId !== null)
      return mine.includes(schedule.definitionId) ? [schedule.definitionId] : [];
    return mine;
  }
  const id = schedule.definitionId!;
  return roles.some((r) => owning(r).includes(id)) ? [id] : [];
}

export function periodicStatus(
  schedule: RefresherSchedule,
  user: Pick<User, 'id' | 'roles'>,
  duties: Record<string, RoleDuties>,
  completions: readonly PracticeCompletion[],
  now: string,
): PeriodicStatus | null {
  const workflows = scheduledWorkflows(schedule, user.roles, duties);
  if (workflows.length === 0) return null;
  const last = completions
    .filter((c) => c.userId === user.id && workflows.includes(c.definitionId))
    .map((c) => c.doneAt)
    .sort()
    .at(-1);
  const dueMs = last ? Date.parse(last) + schedule.everyDays * DAY_MS : Date.parse(schedule.createdAt);
  const dueAt = new Date(dueMs).toISOString();
  return {
    scheduleId: schedule.id,
    role: schedule.role,
    definitionId: workflows[0]!,
    everyDays: schedule.everyDays,
    lastDoneAt: last ?? null,
    dueAt,
    due: dueMs <= Date.parse(now),
  };
}
