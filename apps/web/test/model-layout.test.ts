import { describe, expect, it } from 'vitest';
import { autoLayout } from '../src/model/autoLayout.ts';
import { emptyLayout } from '../src/model/document.ts';
import { sceneOf } from '../src/model/scene.ts';
import { EXAMPLES, example, newElk, triage } from './model-support.ts';

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('autoLayout (elkjs in Node)', () => {
  it('places every step, left to right from the start', async () => {
    const d = triage();
    const layout = await autoLayout(newElk(), d, emptyLayout());
    expect(Object.keys(layout.positions).sort()).toEqual(Object.keys(d.steps).sort());
    expect(layout.positions.classify!.x).toBeLessThan(layout.positions['is-urgent']!.x);
    expect(layout.positions['is-urgent']!.x).toBeLessThan(layout.positions['call-patient']!.x);
  });

  it('respects lanes: every task inside its role lane, no two boxes overlapping', async () => {
    for (const name of EXAMPLES) {
      const d = example(name);
      const layout = await autoLayout(newElk(), d, emptyLayout());
      const scene = sceneOf(d, layout);
      const boxes = [...scene.boxes.values()];
      for (const box of boxes) {
        const step = d.steps[box.id]!;
        if (step.type === 'task') expect(box.lane, `${name}/${box.id}`).toBe(step.role);
        const lane = scene.lanes.find((l) => l.role === box.lane)!;
        expect(box.y).toBeGreaterThanOrEqual(lane.y);
        expect(box.y + box.height).toBeLessThanOrEqual(lane.y + lane.height);
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          expect(overlaps(boxes[i]!, boxes[j]!), `${name}: ${boxes[i]!.id} overlaps ${boxes[j]!.id}`).toBe(
            false,
          );
    }
  }, 60_000);

  it('keeps the saved lane order and colours', async () => {
    const layout = await autoLayout(newElk(), triage(), {
      positions: {},
      lanes: [{ role: 'provider', order: 0, color: '#abcdef' }],
    });
    const first = [...layout.lanes].sort((a, b) => a.order - b.order)[0];
    expect(first).toEqual({ role: 'provider', order: 0, color: '#abcdef' });
  });
});
