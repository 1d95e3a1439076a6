import type { Page, Task, TaskQuery } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';
import type { InstanceService } from '../instances/service.ts';
import { type RequestLabel, subjectMatches, withLabels } from './subjects.ts';

/** How many queue rows one search reads at most before answering with a cursor to read on. */
const SCAN_LIMIT = 2000;

/**
 * A queue filtered by subject. Subjects are rendered from current data, not stored, so the queue is
 * read in its own order page by page and filtered here; the cursor continues from the last row read,
 * so paging never skips or repeats a row. A page may hold fewer rows than `limit` (even none) while
 * the cursor says there is more to read, and at most twice `limit`.
 */
export async function searchTasks(
  deps: AppDeps,
  instances: InstanceService,
  filter: TaskQuery,
  q: string,
): Promise<Page<Task & RequestLabel>> {
  const limit = filter.limit ?? 50;
  const items: Array<Task & RequestLabel> = [];
  let cursor = filter.cursor ?? null;
  let scanned = 0;
  for (;;) {
    const page = await deps.store.listTasks({ ...filter, limit, cursor });
    scanned += page.items.length;
    const labelled = await withLabels(deps, instances, page.items);
    items.push(...labelled.filter((t) => subjectMatches(t.subject, q)));
    cursor = page.nextCursor;
    if (!cursor || items.length >= limit || scanned >= SCAN_LIMIT) break;
  }
  return { items, nextCursor: cursor };
}
