import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical.ts';
import { replay, verifyReplay } from '../src/replay.ts';
import type { InstanceSnapshot } from '../src/snapshot.ts';
import { transition } from '../src/transition.ts';
import { labs, triage } from './support/definitions.ts';
import { exampleCalendar, exampleDefinitions } from './support/examples.ts';
import { randomWalk } from './support/walk.ts';

const START = '2026-03-02T16:00:00.000Z';
const definitions = [triage, labs, ...exampleDefinitions()];

describe('replay', () => {
  it('folds a history to the live state, and stops at any sequence', () => {
    const { history, snapshot } = randomWalk(triage, (n) => n - 1, { maxEvents: 20, start: START });
    expect(history.length).toBeGreaterThan(1);
    expect(canonicalJson(replay(triage, history))).toBe(canonicalJson(snapshot));
    const atOne = replay(triage, history, { at: 1 });
    expect(atOne?.seq).toBe(1);
    expect(Object.values(atOne!.context.active).map((a) => a.step)).toEqual(['classify']);
  });

  it('names the event that no longer applies', () => {
    const history = [
      { at: START, event: { type: 'start' as const } },
      { at: START, event: { type: 'complete' as const, step: 'classify', outcome: 'spam', role: 'nurse' } },
    ];
    expect(() => replay(triage, history)).toThrowError(/Event 2 \(complete\) no longer applies/);
  });

  for (const definition of definitions) {
    it(`random walks over ${definition.id} replay to exactly the recorded snapshot`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), (seeds) => {
          let i = 0;
          const pick = (n: number) => (n <= 1 ? 0 : seeds[i++ % seeds.length]! % n);
          const { history, snapshot } = randomWalk(definition, pick, {
            maxEvents: 60,
            start: START,
            calendar: exampleCalendar,
          });
          // Live snapshots vs. snapshots that went through JSON (as a database stores them) must agree.
          let viaJson: InstanceSnapshot | null = null;
          for (const recorded of history) {
            const result = transition(
              definition,
              viaJson === null ? null : JSON.parse(JSON.stringify(viaJson)),
              recorded.event,
              recorded.at,
            );
            if (!result.ok) throw result.error;
            viaJson = result.snapshot;
          }
          expect(canonicalJson(viaJson)).toBe(canonicalJson(snapshot));
          expect(verifyReplay(definition, history, snapshot)).toEqual({ ok: true });
        }),
        { numRuns: 40 },
      );
    });
  }

  it('detects a history that was altered', () => {
    const { history, snapshot } = randomWalk(triage, (n) => (n <= 1 ? 0 : 1 % n), {
      maxEvents: 10,
      start: START,
    });
    const completes = history.filter((h) => h.event.type === 'complete');
    expect(completes.length).toBeGreaterThan(0);
    const altered = structuredClone(history);
    altered.splice(altered.length - 1, 1);
    expect(verifyReplay(triage, altered, snapshot).ok).toBe(false);
  });
});
