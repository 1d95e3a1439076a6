import type { Task } from '../api/types.ts';
import { humanize } from './format.ts';

/**
 * What the task panel says about a closed task opened from the list, a reload or a kept link: who
 * finished it and how, so a task done elsewhere reads as done, not as an empty pane. A cancelled
 * request has its own notice.
 */
export function closedNote(
  task: Pick<Task, 'outcome' | 'closedBy' | 'closeReason'>,
  meId: string,
  nameOf: (userId: string | null | undefined, fallback?: string) => string,
): { title: string; message: string } {
  if (task.outcome && task.closedBy && task.closedBy !== meId)
    return {
      title: 'Completed elsewhere',
      message: `${nameOf(task.closedBy, 'A colleague')} finished it with “${humanize(task.outcome)}”. It has left your list.`,
    };
  if (task.outcome)
    return { title: 'This task is closed', message: `Finished with “${humanize(task.outcome)}”.` };
  if (task.closeReason === 'deadline')
    return {
      title: 'This task is closed',
      message: 'Its deadline passed, so the workflow moved it on. It has left your list.',
    };
  return { title: 'This task is closed', message: 'The workflow moved on.' };
}
