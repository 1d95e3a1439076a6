import type { TaskMoved } from '@portalflow/contract';
import { formatWhen } from '../shell/time.ts';
import { thePool } from './thePool.ts';

/**
 * What happened to a task that moved away from the reader, in words for the panel (and so for the
 * bell's and the email's link, which open it): "Its deadline, Today 5:10 PM, passed; it went to the
 * Nurse manager pool. Grace Okafor has it now." Only roles and colleagues, never the request's data.
 */
export function movedText(
  moved: TaskMoved,
  nameOf: (userId: string | null | undefined, fallback?: string) => string,
  roleName: (role: string) => string,
  now: number,
): { title: string; message: string } {
  const pool = thePool(roleName(moved.role) || moved.roleTitle);
  const went =
    moved.how === 'deadline'
      ? moved.due
        ? `Its deadline, ${formatWhen(moved.due, now)}, passed; it went to ${pool}.`
        : `Its deadline passed; it went to ${pool}.`
      : moved.how === 'reassigned'
        ? `${nameOf(moved.by, 'A lead')} moved it to ${pool} (${formatWhen(moved.at, now)}).`
        : `It was sent on to ${pool} (${formatWhen(moved.at, now)}).`;
  const holder = moved.holder
    ? `${nameOf(moved.holder, 'A colleague')} has it now.`
    : 'It is waiting there for someone to claim it.';
  return {
    title: moved.how === 'deadline' ? 'This task was escalated' : 'This task moved to another role',
    message: `${went} ${holder} It has left your list${moved.held ? '; you no longer need to work on it' : ''}.`,
  };
}
