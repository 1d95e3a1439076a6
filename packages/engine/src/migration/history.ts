import type { HistoryEntry } from '../events.ts';

/**
 * The version a history starts on (the first migration's `from`, else the pinned version) and every
 * version it migrates to: what a caller must load before replaying it.
 */
export function historyVersions(
  history: readonly HistoryEntry[],
  pinned: number,
): { start: number; versions: number[] } {
  let start: number | undefined;
  const versions = new Set<number>();
  for (const { event } of history) {
    if (event.type !== 'migrated') continue;
    start ??= event.from;
    versions.add(event.from);
    versions.add(event.to);
  }
  versions.add(start ?? pinned);
  return { start: start ?? pinned, versions: [...versions].sort((a, b) => a - b) };
}
