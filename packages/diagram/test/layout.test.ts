import { type Definition, parseDefinition } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import { describe, expect, it } from 'vitest';
import {
  autoLayout,
  drawingOfScene,
  emptyLayout,
  KIND,
  readability,
  readabilityTotal,
  sceneOf,
  sceneSvg,
  tidyLayout,
} from '../src/index.ts';
import { largeDefinition } from './support/large.ts';

const example = (id: string) => parseDefinition(workflows.find((w) => w.id === id)!.definition);

describe('auto layout', () => {
  it('puts every step right of every step that leads to it, unless the arrow closes a loop', () => {
    for (const w of workflows) {
      const d = parseDefinition(w.definition);
      const scene = sceneOf(d);
      for (const e of scene.edges) {
        if (e.loop || e.from === e.to) continue;
        expect(scene.boxes.get(e.to)!.x, `${d.id}: ${e.from} -> ${e.to}`).toBeGreaterThan(
          scene.boxes.get(e.from)!.x,
        );
      }
    }
  });

  it('keeps what the lead pinned by hand, and moves nothing onto it', () => {
    const d = example('prescription-refill');
    const fresh = autoLayout(d, emptyLayout());
    const id = Object.keys(d.steps).find((s) => d.steps[s]!.type === 'task' && s !== d.start)!;
    const pinned = {
      ...fresh,
      positions: { ...fresh.positions, [id]: { ...fresh.positions[id]!, x: 260, y: 30, pinned: true } },
    };
    const again = autoLayout(d, pinned);
    expect(again.positions[id]).toMatchObject({ x: 260, y: 30, pinned: true });
    expect(readability(drawingOfScene(sceneOf(d, again))).boxOverlaps).toBe(0);
  });

  it('changes nothing (the very same layout) when the diagram already reads cleanly', () => {
    const d = example('portal-message-triage');
    const clean = autoLayout(d, emptyLayout());
    expect(tidyLayout(d, clean)).toBe(clean);
  });

  it('lays out a messy diagram afresh', () => {
    const d = example('portal-message-triage');
    const messy = {
      positions: Object.fromEntries(Object.keys(d.steps).map((id) => [id, { x: 300, y: 40 }])),
      lanes: [],
    };
    expect(readability(drawingOfScene(sceneOf(d, messy))).boxOverlaps).toBeGreaterThan(0);
    const tidied = tidyLayout(d, messy);
    expect(tidied).not.toBe(messy);
    expect(readabilityTotal(readability(drawingOfScene(sceneOf(d, tidied))))).toBe(0);
  });

  it('lays out a generated 1,000-step workflow with nothing overlapping', () => {
    const scene = sceneOf(largeDefinition(1000));
    expect(readability(drawingOfScene(scene))).toMatchObject({
      boxOverlaps: 0,
      labelOverlaps: 0,
      edgesThroughBoxes: 0,
      backwardArrows: 0,
    });
  });

  it('draws a box size change in every output at once', () => {
    const d: Definition = example('password-reset');
    const before = sceneOf(d);
    const task = [...before.boxes.values()].find((b) => b.kind === 'task')!;
    const saved = KIND.task.width;
    try {
      KIND.task.width = saved + 40;
      const after = sceneOf(d);
      const box = after.boxes.get(task.id)!;
      expect(box.width).toBe(saved + 40);
      expect(sceneSvg(after)).toContain(`data-rect="${box.x},${box.y},${saved + 40},${box.height}"`);
    } finally {
      KIND.task.width = saved;
    }
  });
});
