import type { Task } from '../api/types.ts';
import { formatDay, formatTime } from '../shell/time.ts';
import { humanize } from './format.ts';

/** "at 2:14 PM" today, "yesterday at 2:14 PM", "on Wed, Dec 2 at 2:14 PM": when a task was finished. */
function whenDone(at: string, now: number): string {
  const day = formatDay(at, now);
  const time = formatTime(at);
  if (day === 'Today') return `at ${time}`;
  if (day === 'Yesterday') return `yesterday at ${time}`;
  return `on ${day} at ${time}`;
}

/**
 * What the task panel says about a closed task opened from the list, a reload or a kept link: who
 * finished it, when and how, so a task done elsewhere reads as done, not as an empty pane. The same
 * person's other screen is named as such when the task closed while open here and this screen did not
 * finish it. A cancelled request has its own notice.
 */
export function closedNote(
  task: Pick<Task, 'outcome' | 'closedBy' | 'closeReason' | 'closedAt'>,
  meId: string,
  nameOf: (userId: string | null | undefined, fallback?: string) => string,
  options: { now: number; closedWhileOpenHere?: boolean },
): { title: string; message: string } {
  const when = task.closedAt ? ` ${whenDone(task.closedAt, options.now)}` : '';
  if (task.outcome && task.closedBy && task.closedBy !== meId)
    return {
      title: 'Completed elsewhere',
      message: `Completed by ${nameOf(task.closedBy, 'a colleague')}${when} with “${humanize(task.outcome)}”. It has left your list.`,
    };
  if (task.outcome && options.closedWhileOpenHere)
    return {
      title: 'Completed on another screen',
      message: `Completed by you on another screen${when} with “${humanize(task.outcome)}”.`,
    };
  if (task.outcome)
    return {
      title: 'This task is closed',
      message: `You finished it${when} with “${humanize(task.outcome)}”.`,
    };
  if (task.closeReason === 'deadline')
    return {
      title: 'This task is closed',
      message: 'Its deadline passed, so the workflow moved it on. It has left your list.',
    };
  return { title: 'This task is closed', message: 'The workflow moved on.' };
}
