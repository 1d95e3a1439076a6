import type { BulkReassignResult } from '@portalflow/contract';
import type { Task } from '../api/types.ts';
import { isOverdue, sortByDue } from './queue.ts';

/** The pure part of the Team page: filters over all open tasks and the workload per role. */
export const UNASSIGNED = '__unassigned__';

export interface TeamFilters {
  definitionId: string | null;
  role: string | null;
  /** A user id, `UNASSIGNED`, or null for anyone. */
  assignee: string | null;
  overdueOnly: boolean;
}

export const NO_TEAM_FILTERS: TeamFilters = {
  definitionId: null,
  role: null,
  assignee: null,
  overdueOnly: false,
};

export function filterTeamTasks(tasks: readonly Task[], f: TeamFilters, now: number): Task[] {
  return sortByDue(
    tasks.filter(
      (t) =>
        t.status === 'open' &&
        (f.definitionId === null || t.definitionId === f.definitionId) &&
        (f.role === null || t.role === f.role) &&
        (f.assignee === null || (f.assignee === UNASSIGNED ? !t.assignee : t.assignee === f.assignee)) &&
        (!f.overdueOnly || isOverdue(t, now)),
    ),
  );
}

export interface RoleLoad {
  role: string;
  open: number;
  overdue: number;
  unassigned: number;
  /** Overdue and still unassigned (part of both counts above). */
  overdueUnassigned: number;
}

/** Open, overdue and unassigned counts per role, busiest role first. */
export function workload(tasks: readonly Task[], now: number): RoleLoad[] {
  const byRole = new Map<string, RoleLoad>();
  for (const t of tasks) {
    if (t.status !== 'open') continue;
    const row = byRole.get(t.role) ?? {
      role: t.role,
      open: 0,
      overdue: 0,
      unassigned: 0,
      overdueUnassigned: 0,
    };
    row.open++;
    if (isOverdue(t, now)) row.overdue++;
    if (!t.assignee) row.unassigned++;
    if (!t.assignee && isOverdue(t, now)) row.overdueUnassigned++;
    byRole.set(t.role, row);
  }
  return [...byRole.values()].sort(
    (a, b) => b.overdue - a.overdue || b.open - a.open || a.role.localeCompare(b.role),
  );
}

/** Open tasks per assignee, for "reassign everything of an absent colleague". */
export function openCountByAssignee(tasks: readonly Task[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tasks) {
    if (t.status === 'open' && t.assignee) counts.set(t.assignee, (counts.get(t.assignee) ?? 0) + 1);
  }
  return counts;
}

export type BulkResult = BulkReassignResult;

/** "Moved 6 of 7 tasks." plus the reasons the others stayed, grouped. */
export function summarizeResults(results: readonly BulkResult[]): {
  moved: number;
  total: number;
  failures: Array<{ message: string; count: number }>;
} {
  const failures = new Map<string, number>();
  for (const r of results) {
    if (r.ok) continue;
    const message = r.error?.message ?? 'Unknown error';
    failures.set(message, (failures.get(message) ?? 0) + 1);
  }
  return {
    moved: results.filter((r) => r.ok).length,
    total: results.length,
    failures: [...failures].map(([message, count]) => ({ message, count })),
  };
}

/** Toggling one id in a selection set (immutably). */
export function toggle(selection: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selection);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
