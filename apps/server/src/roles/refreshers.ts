import type { RoleDuties } from '@portalflow/engine';
import type { PracticeCompletion, RefresherSchedule, User } from '@portalflow/store';

/**
 * Periodic refreshers, computed on read from the schedules and the finished practice runs: no
 * background job, nothing to fall out of date. (Refreshers after published changes: `change-refreshers.ts`.)
 */
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
