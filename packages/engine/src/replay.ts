import { canonicalJson } from './canonical.ts';
import type { Definition } from './definition.ts';
import type { Effect } from './effects.ts';
import { PortalflowError } from './errors.ts';
import type { RecordedEvent } from './events.ts';
import type { InstanceSnapshot } from './snapshot.ts';
import { step } from './transition.ts';

export interface ReplayOptions {
  /** Stop after this many events (the state "at sequence N"). */
  at?: number;
  /** Called after each event, e.g. to compare effects with what was recorded. */
  onEvent?: (index: number, snapshot: InstanceSnapshot, effects: Effect[]) => void;
}

/**
 * Replay = folding the recorded events from the start. A recorded event the engine now rejects
 * means the history and the definition disagree: that is a REPLAY_MISMATCH naming the event.
 */
export function replay(
  definition: Definition,
  history: readonly RecordedEvent[],
  options: ReplayOptions = {},
): InstanceSnapshot | null {
  const until = Math.min(options.at ?? history.length, history.length);
  let snapshot: InstanceSnapshot | null = null;
  const carry = {};
  for (let i = 0; i < until; i++) {
    const recorded = history[i]!;
    const result = step(
      definition,
      snapshot,
      recorded.event,
      recorded.at,
      options.onEvent !== undefined,
      carry,
    );
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
  history: readonly RecordedEvent[],
  expected: InstanceSnapshot | null,
  expectedEffects?: readonly Effect[][],
): ReplayCheck {
  let mismatch: ReplayCheck | undefined;
  let actual: InstanceSnapshot | null;
  try {
    actual = replay(definition, history, {
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
