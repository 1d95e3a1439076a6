import { type Definition, parseDefinition, type TaskStep } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDefinition } from '../../engine/test/support/generate.ts';
import {
  adoptScene,
  autoLayout,
  emptyLayout,
  nextScene,
  type Scene,
  type StoredLayout,
  sceneMemo,
  sceneOf,
} from '../src/index.ts';

/** One edit as the editor makes it: to the definition, the layout, or both. */
type Edit =
  | { kind: 'title'; pick: number; text: string }
  | { kind: 'outcome'; pick: number; text: string }
  | { kind: 'retarget'; pick: number; to: number }
  | { kind: 'move'; pick: number; dx: number; dy: number }
  | { kind: 'role'; pick: number; to: number }
  | { kind: 'add'; pick: number; text: string }
  | { kind: 'delete'; pick: number };

const TEXTS = [
  '',
  'Call',
  'Review the chart',
  'Confirm the controlled substance prescription with the pharmacist before the patient is told anything',
  'needs-a-second-opinion-from-the-provider',
];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('title' as const), pick: fc.nat(), text: fc.constantFrom(...TEXTS) }),
  fc.record({ kind: fc.constant('outcome' as const), pick: fc.nat(), text: fc.constantFrom(...TEXTS) }),
  fc.record({ kind: fc.constant('retarget' as const), pick: fc.nat(), to: fc.nat() }),
  fc.record({
    kind: fc.constant('move' as const),
    pick: fc.nat(),
    dx: fc.integer({ min: -300, max: 300 }),
    dy: fc.integer({ min: -120, max: 120 }),
  }),
  fc.record({ kind: fc.constant('role' as const), pick: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), pick: fc.nat(), text: fc.constantFrom(...TEXTS) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

/** Applies one edit to copies of the definition and layout (the originals stay as they were). */
function applyEdit(definition: Definition, layout: StoredLayout, e: Edit): [Definition, StoredLayout] {
  const d = structuredClone(definition);
  const l = structuredClone(layout);
  const ids = Object.keys(d.steps);
  const tasks = ids.filter((id) => d.steps[id]!.type === 'task');
  const id = ids[e.pick % ids.length]!;
  const task = tasks.length > 0 ? (d.steps[tasks[e.pick % tasks.length]!] as TaskStep) : undefined;
  switch (e.kind) {
    case 'title':
      (d.steps[id] as { title?: string }).title = e.text;
      break;
    case 'outcome': {
      if (!task) break;
      const [first, target] = Object.entries(task.outcomes)[0]!;
      const name = e.text.replace(/[^a-z-]/g, '') || 'renamed';
      task.outcomes = Object.fromEntries(
        Object.entries(task.outcomes).map(([k, v]) => (k === first ? [name, target] : [k, v])),
      );
      break;
    }
    case 'retarget':
      if (task) task.outcomes[Object.keys(task.outcomes)[0]!] = ids[e.to % ids.length]!;
      break;
    case 'move': {
      const p = l.positions[id];
      if (p)
        l.positions[id] = { ...p, x: Math.max(180, p.x + e.dx), y: Math.max(4, p.y + e.dy), pinned: true };
      break;
    }
    case 'role':
      if (task) task.role = d.roles[e.to % d.roles.length]!.id;
      break;
    case 'add': {
      const added = `added-${ids.length}`;
      d.steps[added] = {
        type: 'task',
        role: d.roles[e.pick % d.roles.length]!.id,
        title: e.text || 'New step',
        outcomes: { done: id },
      };
      if (task) task.outcomes.extra = added;
      break;
    }
    case 'delete':
      if (id === d.start) break;
      delete d.steps[id];
      delete l.positions[id];
      break;
  }
  return [d, l];
}

/** The incremental scene must be the full one, lane by lane, box by box and arrow by arrow. */
function expectSameScene(incremental: Scene, full: Scene) {
  expect(incremental.lanes).toEqual(full.lanes);
  expect([...incremental.boxes.keys()]).toEqual([...full.boxes.keys()]);
  for (const [id, box] of full.boxes) expect(incremental.boxes.get(id), `box ${id}`).toEqual(box);
  expect(incremental.edges.map((e) => e.id)).toEqual(full.edges.map((e) => e.id));
  for (const [i, e] of full.edges.entries()) expect(incremental.edges[i], `arrow ${e.id}`).toEqual(e);
  const { lanes: _l, boxes: _b, edges: _e, ...rest } = full;
  expect(incremental).toMatchObject(rest);
}

function checkEdits(definition: Definition, edits: Edit[]) {
  let d = definition;
  let l = autoLayout(d, emptyLayout());
  let scene = sceneOf(d, l);
  for (const e of edits) {
    [d, l] = applyEdit(d, l, e);
    scene = nextScene(scene, d, l);
    expectSameScene(scene, sceneOf(d, l));
  }
}

describe('incremental scenes', () => {
  it('equal a full recomputation after random edits to a generated workflow', () => {
    const definition = generateDefinition(120);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => checkEdits(definition, edits)),
      { numRuns: 30, seed: 12 },
    );
  });

  it('equal a full recomputation after edits to the generated 1,000-step workflow', () => {
    const definition = generateDefinition(1000);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 2, maxLength: 3 }), (edits) => checkEdits(definition, edits)),
      { numRuns: 2, seed: 1000 },
    );
  });

  it('re-route only the arrows near a renamed step', () => {
    const definition = generateDefinition(1000);
    const layout = autoLayout(definition, emptyLayout());
    const before = sceneOf(definition, layout);
    const id = Object.keys(definition.steps).find(
      (s) => definition.steps[s]!.type === 'task' && s > 's00500',
    )!;
    const renamed = structuredClone(definition);
    (renamed.steps[id] as TaskStep).title = 'Call';
    const after = nextScene(before, renamed, layout);
    expectSameScene(after, sceneOf(renamed, layout));
    const was = sceneMemo(before)!.routes.records;
    const now = sceneMemo(after)!.routes.records;
    const redone = [...now].filter(([arrow, record]) => was.get(arrow) !== record).map(([arrow]) => arrow);
    expect(redone.length).toBeLessThan(now.size / 10);
  });

  it('equal a full recomputation when the bottom lane grows (new bounds and corridors, nothing else moved)', () => {
    const definition = generateDefinition(1000);
    const layout = autoLayout(definition, emptyLayout());
    const before = sceneOf(definition, layout);
    const bottom = before.lanes.at(-1)!;
    const lowest = [...before.boxes.values()]
      .filter((b) => b.lane === bottom.role)
      .sort((a, b) => b.y + b.height - (a.y + a.height))[0]!;
    for (const dy of [60, 240]) {
      const moved = structuredClone(layout);
      const p = moved.positions[lowest.id]!;
      moved.positions[lowest.id] = { ...p, y: p.y + dy, pinned: true };
      const after = nextScene(before, definition, moved);
      expect(after.height).toBeGreaterThan(before.height);
      expectSameScene(after, sceneOf(definition, moved));
    }
  });

  it('hand on every box and arrow a rename leaves as it was, as the very same object', () => {
    const definition = generateDefinition(1000);
    const layout = autoLayout(definition, emptyLayout());
    const before = sceneOf(definition, layout);
    const id = Object.keys(definition.steps).find(
      (s) => definition.steps[s]!.type === 'task' && s > 's00500',
    )!;
    const renamed = structuredClone(definition);
    (renamed.steps[id] as TaskStep).title = 'Call back';
    const after = nextScene(before, renamed, layout);
    expectSameScene(after, sceneOf(renamed, layout));
    const newBoxes = [...after.boxes].filter(([box, b]) => before.boxes.get(box) !== b).map(([box]) => box);
    expect(newBoxes).toEqual([id]);
    const wasEdge = new Map(before.edges.map((e) => [e.id, e]));
    const newEdges = after.edges.filter((e) => wasEdge.get(e.id) !== e);
    expect(newEdges.length).toBeLessThan(after.edges.length / 10);
  });

  it('carry on from a scene routed in the worker (scene and memo cloned on their way back)', () => {
    const definition = generateDefinition(120);
    const layout = autoLayout(definition, emptyLayout());
    const routed = sceneOf(definition, layout);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const back = structuredClone({ scene: routed, memo: sceneMemo(routed)! });
        let scene = adoptScene(back.scene, back.memo);
        let [d, l] = [definition, layout];
        for (const e of edits) {
          [d, l] = applyEdit(d, l, e);
          scene = nextScene(scene, d, l);
          expectSameScene(scene, sceneOf(d, l));
        }
      }),
      { numRuns: 15, seed: 7 },
    );
  });

  it('keep every other step of the refill workflow still when one is moved by hand', () => {
    const definition = parseDefinition(workflows.find((w) => w.id === 'prescription-refill')!.definition);
    const before = sceneOf(definition);
    for (const id of ['overdue-visit', 'prior-auth-needed']) {
      const moved = structuredClone(before.layout);
      const p = moved.positions[id]!;
      moved.positions[id] = { ...p, x: p.x + 40, y: p.y + 24, pinned: true };
      const after = nextScene(before, definition, moved);
      expectSameScene(after, sceneOf(definition, moved));
      for (const [other, box] of before.boxes) {
        if (other === id) continue;
        const now = after.boxes.get(other)!;
        expect({ other, x: now.x, y: now.y }).toEqual({ other, x: box.x, y: box.y });
      }
    }
  });

  it('is a full recomputation without a previous scene', () => {
    const definition = generateDefinition(60);
    const layout = autoLayout(definition, emptyLayout());
    expectSameScene(nextScene(undefined, definition, layout), sceneOf(definition, layout));
  });
});
