import type { Task } from '../api/types.ts';

/** How soon a held urgent task's due time must be for signing out to remind about it. */
const WITHIN_MS = 60 * 60_000;

/**
 * The urgent tasks a person still holds that are due within the hour (or already late), soonest
 * first: signing out with one of them in hand leaves it with nobody until the next shift, so the
 * sign-out asks first whether to hand it back to the pool.
 */
export function urgentHeld(mine: readonly Task[], userId: string, now: number): Task[] {
  return mine
    .filter(
      (t) =>
        t.status === 'open' &&
        t.assignee === userId &&
        t.priority === 'urgent' &&
        !t.practice &&
        t.due !== null &&
        Date.parse(t.due) - now <= WITHIN_MS,
    )
    .sort((a, b) => Date.parse(a.due!) - Date.parse(b.due!));
}
