import type { PracticeCompletion, RefresherAcknowledgement } from '@portalflow/store';

/**
 * Where a person stands with what changed for one of their roles in one workflow, computed on read
 * from their acknowledgements and finished practice runs.
 *
 * An acknowledgement is kept per version: "read what changed in this version for this role". When
 * each version had its own refresher, one was recorded per refresher; a refresher that catches a
 * person up over several versions records one for each of them, at the same time. Read that way, a
 * record made either way means the same: a version read on its own never covers the ones before it.
 *
 * A version's change is finished once it is read and a practice run of it (or of a later version) is
 * finished. The person is up to date to just before the first version not finished; the refresher
 * compares that version with the latest, whatever was finished after it.
 */
export interface CatchUp {
  /** Still to do (null when every change is finished). */
  open: {
    /** The version the person knows: compared with the latest. */
    since: number;
    /** When every version still to do was read (null while one is not). */
    acknowledgedAt: string | null;
    /** When a practice run of the last change, or a later version, was finished. */
    practiceDoneAt: string | null;
  } | null;
  /** The last refresher the person finished, if any. */
  finished: {
    since: number;
    acknowledgedAt: string;
    practiceDoneAt: string;
  } | null;
}

export interface CatchUpTrack {
  definitionId: string;
  role: string;
  /** Versions that changed the role from the version before, ascending. */
  changedIn: readonly number[];
}

export function catchUp(
  track: CatchUpTrack,
  userId: string,
  acks: readonly RefresherAcknowledgement[],
  completions: readonly PracticeCompletion[],
): CatchUp {
  const { definitionId, role, changedIn } = track;
  const readAt = (version: number) =>
    acks.find(
      (a) =>
        a.userId === userId && a.definitionId === definitionId && a.version === version && a.role === role,
    )?.at ?? null;
  const practisedSince = (version: number) =>
    completions
      .filter((c) => c.userId === userId && c.definitionId === definitionId && c.version >= version)
      .map((c) => c.doneAt)
      .sort()
      .at(-1) ?? null;

  /** How many changes, from the first, are finished when reading is as `read` says. */
  const finishedCount = (read: (version: number) => string | null) => {
    let n = 0;
    while (n < changedIn.length && read(changedIn[n]!) && practisedSince(changedIn[n]!)) n++;
    return n;
  };
  const upTo = finishedCount(readAt);

  let finished: CatchUp['finished'] = null;
  if (upTo > 0) {
    // The last refresher finished was read at the latest of these times; it began where the person
    // stood just before.
    const at = changedIn
      .slice(0, upTo)
      .map((v) => readAt(v)!)
      .sort()
      .at(-1)!;
    const before = finishedCount((v) => {
      const r = readAt(v);
      return r !== null && r < at ? r : null;
    });
    finished = {
      since: changedIn[before]! - 1,
      acknowledgedAt: at,
      practiceDoneAt: practisedSince(changedIn[upTo - 1]!)!,
    };
  }

  const pending = changedIn.slice(upTo);
  if (pending.length === 0) return { open: null, finished };
  const reads = pending.map(readAt);
  return {
    open: {
      since: pending[0]! - 1,
      acknowledgedAt: reads.every((r) => r !== null) ? reads.sort().at(-1)! : null,
      practiceDoneAt: practisedSince(pending.at(-1)!),
    },
    finished,
  };
}
