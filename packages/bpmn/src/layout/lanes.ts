import { allEdges, type Definition } from '@portalflow/engine';
import { LANE, type Layout, NODE_SIZE } from './layout.ts';

/** Role id of the lane for tasks whose role is missing or not declared. */
export const UNASSIGNED_LANE = '';

/** Which lane each step sits in: a task's role; other kinds where they were put, else beside a neighbour. */
export function laneOfSteps(definition: Definition, layout: Layout): Map<string, string> {
  const roles = new Set(definition.roles.map((r) => r.id));
  const lane = new Map<string, string>();
  const pending: string[] = [];
  for (const [id, step] of Object.entries(definition.steps)) {
    if (step.type === 'task') {
      lane.set(id, step.role !== undefined && roles.has(step.role) ? step.role : UNASSIGNED_LANE);
      continue;
    }
    const placed = layout.positions[id]?.lane;
    if (placed !== undefined && roles.has(placed)) lane.set(id, placed);
    else pending.push(id);
  }
  if (pending.length === 0) return lane;
  const near = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    if (!near.has(a)) near.set(a, []);
    near.get(a)!.push(b);
  };
  // Incoming neighbours first: a roleless step follows the step that leads into it.
  const edges = allEdges(definition);
  for (const e of edges) link(e.to, e.from);
  for (const e of edges) link(e.from, e.to);
  const fallback = definition.roles[0]?.id ?? UNASSIGNED_LANE;
  let progress = true;
  while (pending.length > 0 && progress) {
    progress = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const id = pending[i]!;
      const found = (near.get(id) ?? []).find((n) => lane.has(n));
      if (found !== undefined) {
        lane.set(id, lane.get(found)!);
        pending.splice(i, 1);
        progress = true;
      }
    }
  }
  for (const id of pending) lane.set(id, fallback);
  return lane;
}

/** Lane order, top to bottom: the saved order, then the other roles in definition order. */
export function laneOrder(definition: Definition, layout: Layout, laneOf: Map<string, string>): string[] {
  const declared = definition.roles.map((r) => r.id);
  const saved = [...layout.lanes]
    .sort((a, b) => a.order - b.order)
    .map((l) => l.role)
    .filter((r) => declared.includes(r));
  const order = Array.from(new Set([...saved, ...declared]));
  if ([...laneOf.values()].includes(UNASSIGNED_LANE)) order.push(UNASSIGNED_LANE);
  return order;
}

/** Each lane's height: it grows to hold its lowest box, as on the editor's canvas. */
export function laneHeights(
  definition: Definition,
  layout: Layout,
  laneOf: Map<string, string>,
): Map<string, number> {
  const heights = new Map<string, number>();
  for (const [id, role] of laneOf) {
    const step = definition.steps[id];
    const y = layout.positions[id]?.y ?? LANE.padding;
    const bottom = y + (step ? NODE_SIZE[step.type].height : NODE_SIZE.task.height) + LANE.padding;
    heights.set(role, Math.max(heights.get(role) ?? LANE.minHeight, bottom));
  }
  return heights;
}
