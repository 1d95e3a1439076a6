import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical.ts';
import { parseDefinition } from '../src/parse.ts';
import { verifyReplay } from '../src/replay.ts';
import type { InstanceSnapshot } from '../src/snapshot.ts';
import { step } from '../src/transition.ts';
import type { GoldenHistory } from './support/golden.ts';

// Recorded when a step that leads back to itself was left and re-entered by XState; it now reopens in
// one context update, and must give exactly the same effects and snapshots.
const golden: GoldenHistory = JSON.parse(
  readFileSync(new URL('./fixtures/self-loops/history.json', import.meta.url), 'utf8'),
);
const definition = parseDefinition(golden.definition);

describe('steps that lead back to themselves', () => {
  it('the recorded history covers outcome and deadline loops of a task, a wait and a branch task', () => {
    const edges = golden.effects.flat().filter((e) => e.type === 'edge.taken' && e.from === e.to);
    expect(edges.map((e) => e.type === 'edge.taken' && `${e.from}:${e.kind}`)).toEqual([
      'review:outcome',
      'review:deadline',
      'review:outcome',
      'hold:deadline',
      'check:outcome',
      'check:outcome',
    ]);
  });

  it('replay gives exactly the recorded effects and snapshot', () => {
    expect(verifyReplay(definition, golden.history, golden.snapshot, golden.effects)).toEqual({ ok: true });
  });

  it('transition() event by event gives exactly the recorded effects', () => {
    let snapshot: InstanceSnapshot | null = null;
    golden.history.forEach(({ at, event }, i) => {
      // Its macrostep, not re-admitting: the history was recorded before start data was held to a
      // start form (it starts with `doc`), and is applied as it was accepted.
      const result = step(definition, snapshot, event, at, { effects: true });
      if (!result.ok) throw result.error;
      expect(canonicalJson(result.effects), `event ${i + 1}`).toBe(canonicalJson(golden.effects[i]));
      // Through JSON, as a stored snapshot is read back.
      snapshot = JSON.parse(JSON.stringify(result.snapshot));
    });
    expect(canonicalJson(snapshot)).toBe(canonicalJson(golden.snapshot));
  });

  it('a reopened task has a new token: completing the old one is refused, and the history fails', () => {
    const altered = structuredClone(golden);
    // The second revise names the first task's token, closed by the first revise.
    Object.assign(altered.history[4]!.event, { token: '1' });
    const check = verifyReplay(definition, altered.history, altered.snapshot, altered.effects);
    expect(check.ok).toBe(false);
    expect(check.index).toBe(4);
  });
});
