import { type Calendar, nextOpening, type RoleDuties } from '@portalflow/engine';
import type { PracticeCompletion, RefresherSchedule, User } from '@portalflow/store';

/**
 * Periodic refreshers, computed on read from the schedules and the finished practice runs: no
 * background job, nothing to fall out of date. (Refreshers after published changes: `change-refreshers.ts`.)
 */
export interface PeriodicStatus {
  scheduleId: string;
  role: string | null;
  /** The workflow to practise next: the first still due, else the one due soonest. */
  definitionId: string;
  everyDays: number;
  /** The oldest of the workflows' last practice runs; null while any workflow was never practised. */
  lastDoneAt: string | null;
  /** The soonest of the workflows' due times. */
  dueAt: string;
  /** Some workflow the schedule covers is due: the person is up to date only when none is. */
  due: boolean;
  /** Each workflow the schedule covers for the person: every one must be practised. */
  workflows: WorkflowPractice[];
}

export interface WorkflowPractice {
  definitionId: string;
  title: string;
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

/**
 * The next practice falls due `everyDays` after the last one; on a day the clinic is closed it moves
 * to the clinic's next opening, so nobody is asked to practise on a Saturday. Without a calendar the
 * date stays as counted.
 */
function nextDue(last: string, everyDays: number, calendar: Calendar | null): string {
  const counted = new Date(Date.parse(last) + everyDays * DAY_MS).toISOString();
  if (!calendar) return counted;
  const opening = nextOpening(counted, calendar);
  return localDay(opening, calendar.timeZone) === localDay(counted, calendar.timeZone) ? counted : opening;
}

const localDay = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

export function periodicStatus(
  schedule: RefresherSchedule,
  user: Pick<User, 'id' | 'roles'>,
  duties: Record<string, RoleDuties>,
  completions: readonly PracticeCompletion[],
  now: string,
  calendar: Calendar | null,
): PeriodicStatus | null {
  const covered = scheduledWorkflows(schedule, user.roles, duties);
  if (covered.length === 0) return null;
  const workflows = covered.map((definitionId): WorkflowPractice => {
    const last = completions
      .filter((c) => c.userId === user.id && c.definitionId === definitionId)
      .map((c) => c.doneAt)
      .sort()
      .at(-1);
    // Never practised: due from the day the refresher was planned.
    const dueAt = last ? nextDue(last, schedule.everyDays, calendar) : schedule.createdAt;
    return {
      definitionId,
      title: titleOf(duties, definitionId),
      lastDoneAt: last ?? null,
      dueAt,
      due: Date.parse(dueAt) <= Date.parse(now),
    };
  });
  const soonest = [...workflows].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0]!;
  const lasts = workflows.map((w) => w.lastDoneAt);
  return {
    scheduleId: schedule.id,
    role: schedule.role,
    definitionId: (workflows.find((w) => w.due) ?? soonest).definitionId,
    everyDays: schedule.everyDays,
    lastDoneAt: lasts.includes(null) ? null : (lasts as string[]).sort()[0]!,
    dueAt: soonest.dueAt,
    due: workflows.some((w) => w.due),
    workflows,
  };
}

/** A workflow's title as the role's duties name it (its id when no duty names it). */
export function titleOf(duties: Record<string, RoleDuties>, definitionId: string): string {
  for (const d of Object.values(duties)) {
    const w = d.workflows.find((x) => x.definitionId === definitionId);
    if (w) return w.title;
  }
  return definitionId;
}
