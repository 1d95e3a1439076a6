import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical.ts';
import type { Definition } from '../src/definition.ts';
import type { RecordedEvent } from '../src/events.ts';
import { parseDefinition } from '../src/parse.ts';
import { replay } from '../src/replay.ts';
import type { InstanceSnapshot } from '../src/snapshot.ts';
import { step } from '../src/transition.ts';
import { labs, triage } from './support/definitions.ts';
import { exampleCalendar, exampleDefinitions } from './support/examples.ts';
import type { GoldenHistory } from './support/golden.ts';
import { selfLoops } from './support/record-self-loops.ts';
import { randomWalk } from './support/walk.ts';

// Replay without effects applies a targetless transition (a reassignment, a loop back to the same
// step, an escalation) by folding its context updates instead of running an XState macrostep. It
// must land on exactly the snapshot `transition()` (always a macrostep) gives, after every event.

const START = '2026-03-02T16:00:00.000Z';

/**
 * The snapshot after every event, each from `transition()`'s macrostep on a copy that went through
 * JSON. Nothing is re-admitted: a golden history was recorded before some writes rules existed (start
 * data outside a start form), and is applied as it was accepted, as replay applies it.
 */
function snapshotsByTransition(definition: Definition, history: readonly RecordedEvent[]): string[] {
  const out: string[] = [];
  let snapshot: InstanceSnapshot | null = null;
  for (const { at, event } of history) {
    const copy = snapshot === null ? null : structuredClone(snapshot);
    const result = step(definition, copy, event, at, { effects: true });
    if (!result.ok) throw result.error;
    snapshot = result.snapshot;
    out.push(canonicalJson(snapshot));
  }
  return out;
}

function expectSameAtEveryEvent(definition: Definition, history: readonly RecordedEvent[]): void {
  const expected = snapshotsByTransition(definition, history);
  for (let n = 1; n <= history.length; n++) {
    expect(canonicalJson(replay(definition, history, { at: n })), `after event ${n}`).toBe(expected[n - 1]);
  }
}

describe('replay of targetless transitions', () => {
  const goldenDir = new URL('./fixtures/histories/', import.meta.url).pathname;
  const golden = [
    ...readdirSync(goldenDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => `${goldenDir}${f}`),
    new URL('./fixtures/self-loops/history.json', import.meta.url).pathname,
  ];

  it.each(golden.map((file) => [file.split('/').pop()!, file]))(
    '%s gives the recorded snapshot after every event',
    (_name, file) => {
      const recorded: GoldenHistory = JSON.parse(readFileSync(file, 'utf8'));
      const definition = parseDefinition(recorded.definition);
      expectSameAtEveryEvent(definition, recorded.history);
      expect(canonicalJson(replay(definition, recorded.history))).toBe(canonicalJson(recorded.snapshot));
    },
  );

  for (const definition of [selfLoops, triage, labs, ...exampleDefinitions()]) {
    it(`random walks over ${definition.id}: the same snapshot as transition() after every event`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 120, maxLength: 120 }), (seeds) => {
          let i = 0;
          const pick = (n: number) => (n <= 1 ? 0 : seeds[i++ % seeds.length]! % n);
          const { history } = randomWalk(definition, pick, {
            maxEvents: 30,
            start: START,
            calendar: exampleCalendar,
          });
          expectSameAtEveryEvent(definition, history);
        }),
        { numRuns: 15 },
      );
    });
  }

  it('reassignments that set, move and clear a deadline; a deadline loop; an escalation in a branch', () => {
    const at = (hours: number) => new Date(Date.parse(START) + hours * 3_600_000).toISOString();
    const history: RecordedEvent[] = [
      { at: at(0), event: { type: 'start' } },
      { at: at(0), event: { type: 'reassign', step: 'review', assignee: 'nurse-1' } },
      { at: at(0), event: { type: 'reassign', step: 'review', due: '2026-03-05T10:00:00.000Z' } },
      { at: at(0), event: { type: 'reassign', step: 'review', due: null, priority: 'high' } },
      { at: at(0), event: { type: 'reassign', step: 'review', due: '2026-03-02T18:00:00+02:00' } },
      { at: at(0), event: { type: 'reassign', step: 'review', toRole: 'provider' } },
      {
        at: at(1),
        event: { type: 'complete', step: 'review', outcome: 'revise', role: 'provider', data: { note: 'a' } },
      },
      { at: at(5), event: { type: 'timer-fired', timer: '2.deadline' } },
      { at: at(6), event: { type: 'complete', step: 'review', outcome: 'ready', role: 'nurse' } },
      { at: at(7), event: { type: 'signal', name: 'patient-replied' } },
      { at: at(9), event: { type: 'timer-fired', timer: '5.deadline' } },
      { at: at(9), event: { type: 'reassign', step: 'check', assignee: 'dr-2', due: at(12) } },
      {
        at: at(10),
        event: { type: 'complete', step: 'check', outcome: 'again', role: 'provider', actor: 'dr-2' },
      },
    ];
    expectSameAtEveryEvent(selfLoops, history);
    const last = replay(selfLoops, history)!;
    expect(last.seq).toBe(history.length);
    expect(Object.values(last.context.active).map((a) => [a.step, a.role])).toEqual(
      expect.arrayContaining([
        ['check', 'nurse'],
        ['sign', 'provider'],
      ]),
    );
  });
});
