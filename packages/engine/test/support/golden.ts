import type { Definition } from '../../src/definition.ts';
import type { Effect } from '../../src/effects.ts';
import type { RecordedEvent } from '../../src/events.ts';
import type { InstanceSnapshot } from '../../src/snapshot.ts';

/** A recorded instance history, replayed on every test run. */
export interface GoldenHistory {
  description: string;
  definition: Definition;
  history: RecordedEvent[];
  /** The effects each event produced when it was recorded. */
  effects: Effect[][];
  snapshot: InstanceSnapshot | null;
}
