import { api } from '../api/client.ts';
import type { Page, Task } from '../api/types.ts';

/**
 * Request helpers for the work views. Only ids go into URLs (task ids are opaque); form data,
 * notes and comments go in bodies.
 */
export const taskPath = (taskId: string, action?: string) =>
  `/tasks/${encodeURIComponent(taskId)}${action ? `/${action}` : ''}`;

/** Every page of a task list, up to `max` tasks. */
export async function fetchAllTasks(params: Record<string, string>, max = 2000): Promise<Task[]> {
  const items: Task[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ ...params, limit: '500' });
    if (cursor) query.set('cursor', cursor);
    const page: Page<Task> = await api<Page<Task>>(`/tasks?${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}
