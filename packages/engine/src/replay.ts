import { canonicalJson } from './canonical.ts';
import type { Definition } from './definition.ts';
import type { Effect } from './effects.ts';
import { PortalflowError } from './errors.ts';
import type { HistoryEntry } from './events.ts';
import { migrateSnapshot } from './migration/migrate.ts';
import type { InstanceSnapshot } from './snapshot.ts';
import { step } from './transition.ts';

/** The definition of a published version, for histories that migrate from one version to another. */
export type VersionLookup = (version: number) => Definition | undefined;

export interface ReplayOptions {
  /** Stop after this many events (the state "at sequence N"). */
  at?: number;
  /** Called after each event, e.g. to compare effects with what was recorded. */
  onEvent?: (index: number, snapshot: InstanceSnapshot, effects: Effect[]) => void;
  /**
   * Needed when the history contains a `migrated` event: replay switches to the version it names
   * and re-applies its step mapping from there on.
   */
  versions?: VersionLookup;
}

/**
 * Replay = folding the recorded events from the start. A recorded event the engine now rejects
 * means the history and the definition disagree: that is a REPLAY_MISMATCH naming the event.
 */
export function replay(
  definition: Definition,
  history: readonly HistoryEntry[],
  options: ReplayOptions = {},
): InstanceSnapshot | null {
  const until = Math.min(options.at ?? history.length, history.length);
  let snapshot: InstanceSnapshot | null = null;
  let current = definition;
  let carry = {};
  for (let i = 0; i < until; i++) {
    const recorded = history[i]!;
    if (recorded.event.type === 'migrated') {
      const event = recorded.event;
      const next = options.versions?.(event.to);
      if (!next || snapshot === null) {
        throw new PortalflowError(
          'REPLAY_MISMATCH',
          `Event ${i + 1} (migrated) ${snapshot === null ? 'comes before the start' : `needs version ${event.to}, which replay was not given`}`,
          { index: i },
        );
      }
      const moved = migrateSnapshot(current, next, snapshot, event.mapping, recorded.at);
      if (!moved.ok) {
        throw new PortalflowError(
          'REPLAY_MISMATCH',
          `Event ${i + 1} (migrated) no longer applies: ${moved.blockers.map((b) => b.message).join('; ')}`,
          { index: i, blockers: moved.blockers },
        );
      }
      snapshot = moved.snapshot;
      current = next;
      carry = {};
      options.onEvent?.(i, snapshot, moved.effects);
      continue;
    }
    const result = step(current, snapshot, recorded.event, recorded.at, {
      effects: options.onEvent !== undefined,
      carry,
    });
    if (!result.ok) {
      throw new PortalflowError(
        'REPLAY_MISMATCH',
        `Event ${i + 1} (${recorded.event.type}) no longer applies: ${result.error.message}`,
        { index: i, cause: result.error.toJSON() },
      );
    }
    snapshot = result.snapshot;
    options.onEvent?.(i, snapshot, result.effects);
  }
  return snapshot;
}

export interface ReplayCheck {
  ok: boolean;
  /** First difference, when not ok. */
  message?: string;
  index?: number;
}

/**
 * Replays a history and checks it gives exactly the recorded snapshot (and, when given, exactly
 * the recorded effects at every event).
 */
export function verifyReplay(
  definition: Definition,
  history: readonly HistoryEntry[],
  expected: InstanceSnapshot | null,
  expectedEffects?: readonly Effect[][],
  versions?: VersionLookup,
): ReplayCheck {
  let mismatch: ReplayCheck | undefined;
  let actual: InstanceSnapshot | null;
  try {
    actual = replay(definition, history, {
      ...(versions ? { versions } : {}),
      onEvent: (i, _s, effects) => {
        if (mismatch || !expectedEffects) return;
        const want = expectedEffects[i];
        if (want === undefined || canonicalJson(want) !== canonicalJson(effects)) {
          mismatch = {
            ok: false,
            index: i,
            message: `Event ${i + 1} produced different effects than recorded`,
          };
        }
      },
    });
  } catch (error) {
    if (error instanceof PortalflowError) {
      return { ok: false, message: error.message, index: (error.details as { index?: number })?.index };
    }
    throw error;
  }
  if (mismatch) return mismatch;
  if (canonicalJson(actual) !== canonicalJson(expected)) {
    return {
      ok: false,
      index: history.length - 1,
      message: 'Replay ended in a different state than recorded',
    };
  }
  return { ok: true };
}
