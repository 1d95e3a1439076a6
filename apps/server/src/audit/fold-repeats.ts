import type { AccessRecord } from '@portalflow/store';

/** Reads this close to the first of their run are one visit to the screen (a page refetched, a replay stepped through). */
export const REPEAT_WINDOW_MS = 10 * 60_000;

/** A row of the folded report: the latest read of its run, with how many and when the first was. */
export type FoldedAccess = AccessRecord & { repeats?: { count: number; firstAt: string; lastAt: string } };

/**
 * What makes two reads the same for the report: the same person in the same roles, the same request,
 * the same route and kind of data, for the same purpose (a replay's position is not a purpose). Null
 * for a row that is never folded.
 *
 * Why folding keeps the report complete for compliance: every read stays stored as its own row (the log
 * is append-only, and the unfolded report and its CSV list each), and a folded row still names each
 * distinct person, request, route, kind of data and detail, with the count and the first and last time.
 * A refusal and a read under break-glass access are each an event to look into, so they always stand
 * alone; so does a row about no request (a list or a search names different requests each time).
 */
function sameRead(row: AccessRecord): string | null {
  if (row.outcome !== 'allow' || row.emergencyAccessId !== null || row.instanceId === null) return null;
  const purpose = (row.detail ?? '').replace(/^replay \S+/, 'replay');
  return JSON.stringify([row.userId, row.role, row.instanceId, row.action, row.dataCategory, purpose]);
}

interface Run {
  first: AccessRecord;
  latest: AccessRecord;
  earliest: AccessRecord;
  count: number;
}

const ms = (at: string) => Date.parse(at);

/**
 * Folds entries read in report order into runs, up to `limit` rows. Returns the rows and the last
 * entry that went into them (the next page starts after it: a run cut by the page goes on there).
 */
export function foldRepeats(
  entries: readonly AccessRecord[],
  limit: number,
): { rows: FoldedAccess[]; through: AccessRecord | null; full: boolean } {
  const runs: Run[] = [];
  const open = new Map<string, Run>();
  let through: AccessRecord | null = null;
  for (const entry of entries) {
    const key = sameRead(entry);
    const run = key === null ? undefined : open.get(key);
    if (run && Math.abs(ms(entry.at) - ms(run.first.at)) <= REPEAT_WINDOW_MS) {
      run.count++;
      if (ms(entry.at) >= ms(run.latest.at)) run.latest = entry;
      if (ms(entry.at) < ms(run.earliest.at)) run.earliest = entry;
      through = entry;
      continue;
    }
    if (runs.length === limit) return { rows: runs.map(row), through, full: true };
    const started: Run = { first: entry, latest: entry, earliest: entry, count: 1 };
    runs.push(started);
    if (key !== null) open.set(key, started);
    through = entry;
  }
  return { rows: runs.map(row), through, full: runs.length === limit };
}

function row(run: Run): FoldedAccess {
  if (run.count === 1) return run.latest;
  return { ...run.latest, repeats: { count: run.count, firstAt: run.earliest.at, lastAt: run.latest.at } };
}
