import { lint } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { largeDefinition } from '../../../packages/diagram/test/support/large.ts';
import { applyChange } from '../src/model/changes.ts';
import { checkDefinition } from '../src/model/check.ts';
import { emptyLayout } from '../src/model/document.ts';
import { emptyHistory, record, undo } from '../src/model/history.ts';
import { lintOverlay } from '../src/model/lintOverlay.ts';
import { completeLayout, sceneOf } from '../src/model/scene.ts';

/** Budgets are generous (CI machines are slow); they catch accidental quadratic work, not jitter. */
describe('a 1,000-step workflow', () => {
  const definition = largeDefinition(1000);
  const layout = completeLayout(definition, emptyLayout());

  it('is valid and lints cleanly', () => {
    expect(lint(definition).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('computes lanes, boxes and arrows, lint and its overlay (speed is measured in pnpm bench)', () => {
    const scene = sceneOf(definition, layout);
    const findings = checkDefinition(definition);
    const overlay = lintOverlay(definition, findings);
    expect(scene.boxes.size).toBe(1000);
    expect(scene.edges.length).toBe(
      Object.values(definition.steps).reduce(
        (n, s) => n + (s.type === 'end' ? 0 : s.type === 'decision' ? 2 : 1),
        0,
      ),
    );
    expect(overlay.steps.size).toBeLessThanOrEqual(1000);
  });

  it('records and undoes an edit without copying the whole document', () => {
    const doc = { definition, layout };
    const t0 = performance.now();
    let history = emptyHistory();
    let current = doc;
    for (let i = 0; i < 100; i++) {
      const next = applyChange(current, { type: 'moveStep', id: `s${i}`, position: { x: i, y: 40 } });
      history = record(history, current, next);
      current = next;
    }
    const entry = history.undo[history.undo.length - 1]!;
    expect('diff' in entry && Object.keys(entry.diff.positions)).toEqual(['s99']);
    const back = undo(history, current).document;
    expect(back.layout.positions.s99).toEqual(layout.positions.s99);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
