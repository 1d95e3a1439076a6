import { KIND, LANE, placementOf } from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { applyChange } from '../src/model/changes.ts';
import type { Layout } from '../src/model/document.ts';
import { emptyLayout } from '../src/model/document.ts';
import { laneAt, laneOfSteps } from '../src/model/lanes.ts';
import { completeLayout, positionInLane, sceneOf } from '../src/model/scene.ts';
import { doc, triage } from './model-support.ts';

const lanesOf = (d: Definition, layout: Layout) => placementOf(d, layout).lanes;

describe('lanes', () => {
  it('one lane per role, grouped by department, stacked without gaps', () => {
    const lanes = lanesOf(triage(), emptyLayout());
    expect(lanes.map((l) => l.role)).toEqual(['front-desk', 'supervisor', 'nurse', 'provider']);
    expect(lanes[0]).toMatchObject({ name: 'Front desk', department: 'Front office', y: 0 });
    lanes.forEach((l, i) => {
      if (i > 0) expect(l.y).toBe(lanes[i - 1]!.y + lanes[i - 1]!.height);
    });
  });

  it('a saved lane order wins; a lane grows to hold its lowest box', () => {
    const layout = { positions: { classify: { x: 300, y: 300 } }, lanes: [{ role: 'provider', order: 0 }] };
    const placed = placementOf(triage(), layout);
    expect(placed.lanes[0]!.role).toBe('provider');
    const front = placed.lanes.find((l) => l.role === 'front-desk')!;
    expect(front.height).toBe(300 + placed.boxes.get('classify')!.height + LANE.padding);
  });

  it('roleless steps sit beside the step leading into them unless placed', () => {
    const laneOf = laneOfSteps(triage(), emptyLayout());
    expect(laneOf.get('is-urgent')).toBe('front-desk');
    expect(laneOf.get('classify')).toBe('front-desk');
    const placed = laneOfSteps(triage(), {
      positions: { 'is-urgent': { x: 0, y: 0, lane: 'nurse' } },
      lanes: [],
    });
    expect(placed.get('is-urgent')).toBe('nurse');
  });

  it('tasks without a declared role get a "No role" lane at the bottom', () => {
    const d = applyChange(doc(), { type: 'updateStep', id: 'admin-reply', patch: { role: 'ghost' } });
    const lanes = lanesOf(d.definition, d.layout);
    expect(lanes[lanes.length - 1]).toMatchObject({ role: '', name: 'No role' });
  });

  it('every box of the scene lies inside its lane', () => {
    const scene = sceneOf(triage(), completeLayout(triage(), emptyLayout()));
    for (const box of scene.boxes.values()) {
      const lane = scene.lanes.find((l) => l.role === box.lane)!;
      expect(box.y).toBeGreaterThanOrEqual(lane.y);
      expect(box.y + box.height).toBeLessThanOrEqual(lane.y + lane.height);
    }
  });

  it('laneAt finds the lane under a point, and a drop keeps the box inside it', () => {
    const lanes = lanesOf(triage(), emptyLayout());
    const nurse = lanes.find((l) => l.role === 'nurse')!;
    expect(laneAt(lanes, nurse.y + 5)?.role).toBe('nurse');
    expect(laneAt(lanes, 99_999)?.role).toBe(lanes[lanes.length - 1]!.role);
    expect(positionInLane(nurse, 320.4, nurse.y - 10, 'task')).toEqual({
      x: 320,
      y: LANE.padding / 2,
      pinned: true,
    });
    expect(positionInLane(nurse, 0, nurse.y + 50, 'decision')).toEqual({
      x: LANE.contentLeft,
      y: 50,
      lane: 'nurse',
      pinned: true,
    });
  });
});

describe('freeSpot', () => {
  it('puts a new box in the first free column of the row, else lower down', async () => {
    const { freeSpot } = await import('../src/model/scene.ts');
    const d = triage();
    const scene = sceneOf(d, completeLayout(d, emptyLayout()));
    const classify = scene.boxes.get('classify')!;
    const lane = scene.lanes.find((l) => l.role === classify.lane)!;
    const spot = freeSpot(scene, lane, classify.x, classify.y - lane.y, 'task');
    expect(spot.y).toBe(classify.y - lane.y);
    expect(spot.x).toBeGreaterThan(classify.x);
    for (const b of scene.boxes.values())
      expect(
        spot.x >= b.x + b.width ||
          b.x >= spot.x + KIND.task.width ||
          lane.y + spot.y >= b.y + b.height ||
          b.y >= lane.y + spot.y + KIND.task.minHeight,
      ).toBe(true);
  });
});
