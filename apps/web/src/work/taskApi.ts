import { listTasks, type TaskRow } from '@portalflow/contract';
import { type Answer, type CallInput, call } from '../api/call.ts';

/** A work-queue filter (`scope`, `definitionId`, `role`, …): only ids and enums, never patient data. */
export type TaskFilter = Omit<NonNullable<CallInput<typeof listTasks>['query']>, 'limit' | 'cursor'>;

/** Every page of a task list, up to `max` tasks. */
export async function fetchAllTasks(filter: TaskFilter, max = 2000): Promise<TaskRow[]> {
  const items: TaskRow[] = [];
  let cursor: string | null = null;
  do {
    const page: Answer<typeof listTasks> = await call(listTasks, {
      query: { ...filter, limit: 500, ...(cursor ? { cursor } : {}) },
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}
