import { readFileSync } from 'node:fs';
import type { Definition } from '../../src/definition.ts';
import type { EngineEvent, HistoryEntry } from '../../src/events.ts';
import { parseDefinition } from '../../src/parse.ts';
import type { InstanceSnapshot } from '../../src/snapshot.ts';
import { transition } from '../../src/transition.ts';

const examples = new URL('../../../../examples/', import.meta.url).pathname;
const read = (file: string): Definition =>
  parseDefinition(JSON.parse(readFileSync(`${examples}${file}`, 'utf8')), { filename: file });

/** Version 1 (the example) and version 2 (renamed, removed, added step; changed owner and deadline). */
export const labV1 = (): Definition => read('workflows/lab-result-release.json');
export const labV2 = (): Definition => read('versions/lab-result-release-v2.json');

const verified = (data: Record<string, unknown>): EngineEvent => ({
  type: 'complete',
  step: 'verify-result',
  outcome: 'verified',
  role: 'medical-assistant',
  data: { resultKind: 'lab', ...data },
});

/** Event scripts that park an instance of version 1 at each step an instance can wait at. */
export const parkedAt: Record<string, EngineEvent[]> = {
  'verify-result': [],
  'correct-misfile': [
    {
      type: 'complete',
      step: 'verify-result',
      outcome: 'wrong-patient',
      role: 'medical-assistant',
      data: { resultKind: 'lab', flag: 'normal', holdRequested: false },
    },
  ],
  'harm-review+abnormal-review': [verified({ flag: 'abnormal', holdRequested: true })],
  'hold-for-discussion+critical-call': [
    verified({ flag: 'critical', holdRequested: true }),
    {
      type: 'complete',
      step: 'harm-review',
      outcome: 'hold-until-discussed',
      role: 'provider',
      data: { harmReason: 'New cancer diagnosis: the provider tells the patient first' },
    },
  ],
  'release-to-portal+critical-call': [verified({ flag: 'critical', holdRequested: false })],
  'normal-comment': [
    verified({ flag: 'normal', holdRequested: false }),
    { type: 'complete', step: 'release-to-portal', outcome: 'released', role: 'medical-records' },
  ],
  'abnormal-call': [
    verified({ flag: 'abnormal', holdRequested: false }),
    { type: 'complete', step: 'release-to-portal', outcome: 'released', role: 'medical-records' },
    {
      type: 'complete',
      step: 'abnormal-review',
      outcome: 'nurse-to-call',
      role: 'provider',
      data: {
        patientComment: 'Your A1c is higher than your goal; our nurse will call you to book a visit.',
        planForNurse: 'Visit within 2 weeks to adjust metformin.',
      },
    },
  ],
};

export const START = '2026-03-02T15:00:00.000Z';

/** Runs `events` from a start at START, ten minutes apart; throws on a rejected event. */
export function run(
  definition: Definition,
  events: readonly EngineEvent[],
  from: { snapshot: InstanceSnapshot | null; history: HistoryEntry[]; at?: string } = {
    snapshot: null,
    history: [],
  },
): { snapshot: InstanceSnapshot; history: HistoryEntry[]; at: string } {
  let snapshot = from.snapshot;
  const history = [...from.history];
  let ms = Date.parse(from.at ?? START);
  const all: EngineEvent[] = snapshot === null ? [{ type: 'start', data: {} }, ...events] : [...events];
  for (const event of all) {
    const at = new Date(ms).toISOString();
    const r = transition(definition, snapshot, event, at);
    if (!r.ok) throw r.error;
    snapshot = r.snapshot;
    history.push({ at, event });
    ms += 10 * 60_000;
  }
  return { snapshot: snapshot!, history, at: new Date(ms).toISOString() };
}
