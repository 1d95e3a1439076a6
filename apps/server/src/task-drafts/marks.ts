import type { TaskDraftMark } from '@portalflow/contract';
import type { AppDeps } from '../deps.ts';

/**
 * Which of these tasks have a draft kept, who typed it and when: what a queue row and a task read by
 * someone who does not hold it say (a pool task half done by its previous holder). Never the answers.
 */
export async function draftMarks(
  deps: AppDeps,
  taskIds: readonly string[],
): Promise<Map<string, TaskDraftMark>> {
  const rows = await deps.store.taskDraftMarks(taskIds);
  if (rows.size === 0) return new Map();
  const people = new Map((await deps.store.listUsers()).map((u) => [u.id, u.displayName || u.username]));
  return new Map(
    [...rows].map(([taskId, r]) => [
      taskId,
      { savedAt: r.savedAt, savedBy: { id: r.savedBy, displayName: people.get(r.savedBy) ?? 'A colleague' } },
    ]),
  );
}

/** Queue rows with their task's draft mark, where one is kept. */
export async function withDraftMarks<T extends { id: string }>(
  deps: AppDeps,
  rows: readonly T[],
): Promise<Array<T & { draft?: TaskDraftMark }>> {
  const marks = await draftMarks(
    deps,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const mark = marks.get(r.id);
    return mark ? { ...r, draft: mark } : r;
  });
}
