import type { NoteView } from '@portalflow/contract';

/** What of a task the choice needs: when it opened and closed, and who holds it. */
export interface TaskTimes {
  id: string;
  openedAt: string;
  closedAt: string | null;
  assignee?: string | null;
}

/**
 * The notes a task's panel shows as "for you": notes marked for the next role that were handed on in
 * the round that led to this task, written by someone other than the reader.
 *
 * A note written on a task is handed on when that task closes: it is for the tasks the workflow opens
 * next. So a task receives the notes handed on after the request's previous opening and up to its own
 * — when a request goes back and forth (wrong patient → refiled → checked again), each round's notes
 * reach the round after it, not every later step. A note written on the request alone is for the tasks
 * open when it was written, or else for those opened next. A note written on this very task is for
 * whoever takes it over once its writer no longer holds it (released at closing time, reassigned): while
 * the writer still holds it, it is theirs. The full trail stays in "History so far".
 */
export function notesForYou(
  notes: readonly NoteView[],
  tasks: readonly TaskTimes[],
  task: TaskTimes,
  readerId: string,
): NoteView[] {
  const opened = Date.parse(task.openedAt);
  // When the round that led here began: the request's last opening of a task before this one.
  const roundBegan = Math.max(
    Number.NEGATIVE_INFINITY,
    ...tasks.map((x) => Date.parse(x.openedAt)).filter((at) => at < opened),
  );
  const closedAt = new Map(tasks.map((x) => [x.id, x.closedAt]));
  const openAt = (x: TaskTimes, at: number) =>
    Date.parse(x.openedAt) <= at && (x.closedAt === null || at < Date.parse(x.closedAt));
  const handedOn = (at: number) => roundBegan < at && at <= opened;

  return notes.filter((n) => {
    if (!n.forNextRole || n.authorId === readerId) return false;
    if (n.taskId === task.id) return task.closedAt === null && task.assignee !== n.authorId;
    if (n.taskId !== null) {
      const closed = closedAt.get(n.taskId);
      return closed != null && handedOn(Date.parse(closed));
    }
    const at = Date.parse(n.at);
    return tasks.some((x) => openAt(x, at)) ? openAt(task, at) : handedOn(at);
  });
}
