import type { Store, Task } from '@portalflow/store';

/**
 * Every open task a person holds, all pages: what a colleague's absence or a disabled account leaves
 * behind. Real work only; practice tasks are the person's own sandbox and reach nobody else's list.
 */
export async function openTasksHeldBy(store: Pick<Store, 'listTasks'>, userId: string): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listTasks({
      scope: 'mine',
      userId,
      roles: [],
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    tasks.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return tasks;
}
