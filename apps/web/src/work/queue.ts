import type { Task } from '../api/types.ts';
import { clinicOpenDays, clinicTimeZone } from '../shell/clinic.ts';
import { dayIn } from '../shell/time.ts';
import { endOfWeekDate } from './workWeek.ts';

/**
 * The pure part of "My work": folders with counts, the due-time order, the filters, and keyboard
 * movement through the list. Everything takes `now` so it can be tested without a clock.
 */
export type FolderId = 'mine' | 'overdue' | 'done' | `pool:${string}`;

/** A folder named in the address, or My tasks when it names none (an unknown pool falls back later). */
export function folderParam(value: string | null): FolderId {
  if (value === 'overdue' || value === 'done') return value;
  if (value?.startsWith('pool:') && value.length > 5) return value as FolderId;
  return 'mine';
}

export interface Folder {
  id: FolderId;
  label: string;
  count: number;
  /** Set for pools. */
  role?: string;
  /** A pool of a role the person does not hold: theirs only in the practice runs they started. */
  playedForPractice?: boolean;
  testId: string;
}

export type DueFilter = 'any' | 'overdue' | 'today' | 'week';

export interface QueueFilters {
  definitionId: string | null;
  role: string | null;
  due: DueFilter;
  /** Words the request's subject must contain (filtered here, so the search never goes in a URL). */
  text: string;
}

export const NO_FILTERS: QueueFilters = { definitionId: null, role: null, due: 'any', text: '' };

/** Whether a task's request label holds every word of the search, ignoring case. */
export function matchesText(task: Pick<Task, 'subject' | 'title'>, text: string): boolean {
  const words = text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${task.subject ?? ''} ${task.title}`.toLocaleLowerCase();
  return words.every((w) => hay.includes(w));
}

export const isOverdue = (task: Pick<Task, 'due'>, now: number): boolean =>
  task.due !== null && Date.parse(task.due) < now;

const PRIORITY_RANK: Record<Task['priority'], number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Soonest due first; no due date last; then urgent before normal; then oldest first. */
export function compareByDue(a: Task, b: Task): number {
  const da = a.due === null ? Number.POSITIVE_INFINITY : Date.parse(a.due);
  const db = b.due === null ? Number.POSITIVE_INFINITY : Date.parse(b.due);
  if (da !== db) return da < db ? -1 : 1;
  const pa = PRIORITY_RANK[a.priority] ?? 2;
  const pb = PRIORITY_RANK[b.priority] ?? 2;
  if (pa !== pb) return pa - pb;
  if (a.openedAt !== b.openedAt) return a.openedAt < b.openedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const sortByDue = (tasks: readonly Task[]): Task[] => [...tasks].sort(compareByDue);

/** Pool tasks are unassigned; a task someone claimed meanwhile is not in anyone's pool. */
const poolOf = (pool: readonly Task[], role: string) => pool.filter((t) => t.role === role && !t.assignee);

/** Mine and pool together without duplicates (a task can briefly be in both while lists refresh). */
function union(mine: readonly Task[], pool: readonly Task[]): Task[] {
  const seen = new Set<string>();
  const out: Task[] = [];
  for (const t of [...mine, ...pool]) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    out.push(t);
  }
  return out;
}

/** Newest completion first. */
const byClosedDesc = (a: Task, b: Task) => ((a.closedAt ?? '') < (b.closedAt ?? '') ? 1 : -1);

export function tasksInFolder(
  folder: FolderId,
  mine: readonly Task[],
  pool: readonly Task[],
  now: number,
  done: readonly Task[] = [],
): Task[] {
  if (folder === 'done') return [...done].sort(byClosedDesc);
  if (folder === 'mine') return sortByDue(mine.filter((t) => t.status === 'open'));
  if (folder === 'overdue')
    return sortByDue(
      union(
        mine,
        pool.filter((t) => !t.assignee),
      ).filter((t) => t.status === 'open' && isOverdue(t, now)),
    );
  return sortByDue(poolOf(pool, folder.slice('pool:'.length)));
}

/** My tasks, one pool per clinic role the person holds, Overdue, then Done — each with its count. */
export function buildFolders(
  roles: readonly string[],
  mine: readonly Task[],
  pool: readonly Task[],
  now: number,
  roleName: (role: string) => string,
  done: readonly Task[] = [],
): Folder[] {
  const folders: Folder[] = [
    {
      id: 'mine',
      label: 'My tasks',
      count: tasksInFolder('mine', mine, pool, now).length,
      testId: 'work-folder-mine',
    },
  ];
  for (const role of roles) {
    folders.push({
      id: `pool:${role}`,
      label: roleName(role),
      role,
      count: poolOf(pool, role).length,
      testId: `work-folder-pool-${role}`,
    });
  }
  folders.push({
    id: 'overdue',
    label: 'Overdue',
    count: tasksInFolder('overdue', mine, pool, now).length,
    testId: 'work-folder-overdue',
  });
  folders.push({ id: 'done', label: 'Done', count: done.length, testId: 'work-folder-done' });
  return folders;
}

/** "YYYY-MM-DD" of an instant in the clinic's time zone. */
export function clinicDate(ms: number, tz = clinicTimeZone()): string {
  return dayIn(ms, tz);
}

/**
 * Due filters read as "what must be done by…": `today` and `week` include what is already overdue,
 * because that is the first thing to do today.
 */
export function matchesDue(
  task: Pick<Task, 'due'>,
  due: DueFilter,
  now: number,
  tz = clinicTimeZone(),
  open = clinicOpenDays(),
): boolean {
  if (due === 'any') return true;
  if (task.due === null) return false;
  const at = Date.parse(task.due);
  if (due === 'overdue') return at < now;
  const local = clinicDate(at, tz);
  const today = clinicDate(now, tz);
  if (due === 'today') return local <= today;
  return local <= endOfWeekDate(today, open);
}

export function applyFilters(
  tasks: readonly Task[],
  filters: QueueFilters,
  now: number,
  tz = clinicTimeZone(),
): Task[] {
  return tasks.filter(
    (t) =>
      (filters.definitionId === null || t.definitionId === filters.definitionId) &&
      (filters.role === null || t.role === filters.role) &&
      matchesDue(t, filters.due, now, tz) &&
      matchesText(t, filters.text),
  );
}

export const hasFilters = (f: QueueFilters) =>
  f.definitionId !== null || f.role !== null || f.due !== 'any' || f.text.trim() !== '';

/** j/k: the next or previous id, staying at the ends; from nothing, j starts at the top and k at the bottom. */
export function moveCursor(ids: readonly string[], current: string | null, delta: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at === -1) return delta === 1 ? ids[0]! : ids[ids.length - 1]!;
  const next = Math.min(ids.length - 1, Math.max(0, at + delta));
  return ids[next]!;
}

/** After a task leaves the list (completed, claimed elsewhere): the one that took its place, else the one before. */
export function nextAfter(ids: readonly string[], removed: string): string | null {
  const at = ids.indexOf(removed);
  if (at === -1) return null;
  return ids[at + 1] ?? ids[at - 1] ?? null;
}

/** Which folder shows a task: mine if it is assigned to me, else its role's pool. */
export function folderOf(
  task: Pick<Task, 'assignee' | 'role'>,
  userId: string,
  roles: readonly string[],
): FolderId | null {
  if (task.assignee === userId) return 'mine';
  if (!task.assignee && roles.includes(task.role)) return `pool:${task.role}`;
  return null;
}
