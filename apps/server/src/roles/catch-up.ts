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
 * A version's change is finished once it is read and, if it is one to practise (`practiceIn`), a
 * practice run of it (or of a later version) is finished; a change that only moves overdue work onto
 * the role, or touches no step it has, is finished by reading. The person is up to date to just before
 * the first version not finished; the refresher compares that version with the latest, whatever was
 * finished after it.
 */
export interface CatchUp {
  /** Still to do (null when every change is finished). */
  open: {
    /** The version the person knows: compared with the latest. */
    since: number;
    /** When every version still to do was read (null while one is not). */
    acknowledgedAt: string | null;
    /** Whether a version still to do is one to practise: else reading finishes it. */
    practiceNeeded: boolean;
    /** When a practice run of the last change to practise, or a later version, was finished. */
    practiceDoneAt: string | null;
  } | null;
  /** The last refresher the person finished, if any. */
  finished: {
    since: number;
    acknowledgedAt: string;
    practiceNeeded: boolean;
    /** Null when none of its versions was one to practise. */
    practiceDoneAt: string | null;
  } | null;
}

export interface CatchUpTrack {
  definitionId: string;
  role: string;
  /** Versions that changed the role from the version before, ascending. */
  changedIn: readonly number[];
  /** Those of `changedIn` to practise as well as read. */
  practiceIn: readonly number[];
}

export function catchUp(
  track: CatchUpTrack,
  userId: string,
  acks: readonly RefresherAcknowledgement[],
  completions: readonly PracticeCompletion[],
): CatchUp {
  const { definitionId, role, changedIn, practiceIn } = track;
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

  const practised = (version: number) => !practiceIn.includes(version) || practisedSince(version) !== null;
  /** The latest practice run covering the versions of `versions` to practise (null when none is). */
  const practiceOf = (versions: readonly number[]) => {
    const last = versions.filter((v) => practiceIn.includes(v)).at(-1);
    return last === undefined ? null : practisedSince(last);
  };

  /** How many changes, from the first, are finished when reading is as `read` says. */
  const finishedCount = (read: (version: number) => string | null) => {
    let n = 0;
    while (n < changedIn.length && read(changedIn[n]!) && practised(changedIn[n]!)) n++;
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
    const covered = changedIn.slice(before, upTo);
    finished = {
      since: changedIn[before]! - 1,
      acknowledgedAt: at,
      practiceNeeded: covered.some((v) => practiceIn.includes(v)),
      practiceDoneAt: practiceOf(covered),
    };
  }

  const pending = changedIn.slice(upTo);
  if (pending.length === 0) return { open: null, finished };
  const reads = pending.map(readAt);
  return {
    open: {
      since: pending[0]! - 1,
      acknowledgedAt: reads.every((r) => r !== null) ? reads.sort().at(-1)! : null,
      practiceNeeded: pending.some((v) => practiceIn.includes(v)),
      practiceDoneAt: practiceOf(pending),
    },
    finished,
  };
}
