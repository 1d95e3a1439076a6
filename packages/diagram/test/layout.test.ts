import { type Definition, parseDefinition } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import { describe, expect, it } from 'vitest';
import {
  autoLayout,
  drawingOfScene,
  emptyLayout,
  KIND,
  LANE,
  readability,
  readabilityTotal,
  sceneOf,
  sceneSvg,
  tidyLayout,
} from '../src/index.ts';
import { largeDefinition } from './support/large.ts';
import { paletteStaircase, priorAuthorization } from './support/prior-authorization.ts';

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

  it('lays out steps placed by hand too: the palette’s staircase becomes the workflow’s own columns', () => {
    const d = priorAuthorization();
    const staircase = paletteStaircase(d);
    // The staircase reads cleanly (nothing overlaps, no arrow crosses a box), yet is as wide as
    // a column per step with a wide gap after the first.
    expect(readabilityTotal(readability(drawingOfScene(sceneOf(d, staircase))))).toBe(0);
    const tidied = tidyLayout(d, staircase);
    expect(tidyLayout(d, tidied)).toBe(tidied);
    expect(Object.values(tidied.positions).filter((p) => p.pinned)).toEqual([]);
    expect(sceneOf(d, tidied).width).toBeLessThan(sceneOf(d, staircase).width - 300);
    expect(readabilityTotal(readability(drawingOfScene(sceneOf(d, tidied))))).toBe(0);
    // The wait, the decision and the end stay in the lane the lead put them in.
    const lanes = sceneOf(d, tidied).boxes;
    for (const id of ['wait-for-the-payer', 'did-the-payer-approve', 'authorized'])
      expect(lanes.get(id)!.lane, id).toBe('billing-specialist');
  });

  it('changes nothing (the very same layout) when the diagram is already laid out so', () => {
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

  it('keeps the refill workflow’s columns close: a long outcome wraps in the gap rather than widening it', () => {
    const scene = sceneOf(example('prescription-refill'));
    // Columns: the x-spans of the boxes, merged where they overlap.
    const spans: Array<[number, number]> = [];
    for (const b of [...scene.boxes.values()].sort((p, q) => p.x - q.x)) {
      const last = spans[spans.length - 1];
      if (last && b.x < last[1]) last[1] = Math.max(last[1], b.x + b.width);
      else spans.push([b.x, b.x + b.width]);
    }
    const gaps = spans.slice(1).map(([left], i) => left - spans[i]![1]);
    // Each gap once fit its widest label on one or two lines: 7 of the 10 were wider than the
    // usual gap, "Duplicate request" alone set the first at 158 px.
    expect(gaps[0]).toBe(LANE.columnGap);
    // The provider's "Need more information" and the coordinator's answer back cross two more gaps
    // with their labels (three before the question loop, five with it).
    expect(gaps.filter((g) => g > LANE.columnGap + 12).length).toBeLessThanOrEqual(5);
    // Only the checks' five outcomes, stacked beside it, keep the room they need to read as a list.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(210);
    for (const e of scene.edges) if (e.caption) expect(e.caption.lines.length).toBeLessThanOrEqual(3);
    expect(readabilityTotal(readability(drawingOfScene(scene)))).toBe(0);
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
