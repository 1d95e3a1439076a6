import type { Definition, Step } from '@portalflow/engine';
import { allEdges } from '@portalflow/engine';
import type { Layout } from './document.ts';
import { LANE, LANE_COLORS, NODE_SIZE } from './geometry.ts';

/** One horizontal band of the swimlane diagram: one role, placed at `y` with `height`. */
export interface Lane {
  /** Role id; `''` is the lane of tasks whose role is missing or not declared. */
  role: string;
  name: string;
  department: string;
  color: string;
  index: number;
  y: number;
  height: number;
}

export const UNASSIGNED_LANE = '';

/** Which lane each step sits in: a task's role; for other kinds, where it was put or near its neighbours. */
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
  // Roleless steps without a placement follow the step that leads into them, else the one they lead to.
  const into = new Map<string, string[]>();
  const outOf = new Map<string, string[]>();
  for (const e of allEdges(definition)) {
    if (!into.has(e.to)) into.set(e.to, []);
    into.get(e.to)!.push(e.from);
    if (!outOf.has(e.from)) outOf.set(e.from, []);
    outOf.get(e.from)!.push(e.to);
  }
  const fallback = definition.roles[0]?.id ?? UNASSIGNED_LANE;
  for (let pass = 0; pass < 4 && pending.length > 0; pass++) {
    for (let i = pending.length - 1; i >= 0; i--) {
      const id = pending[i]!;
      const near = [...(into.get(id) ?? []), ...(outOf.get(id) ?? [])].find((n) => lane.has(n));
      if (near !== undefined) {
        lane.set(id, lane.get(near)!);
        pending.splice(i, 1);
      }
    }
  }
  for (const id of pending) lane.set(id, fallback);
  return lane;
}

/** Lane order: the saved order first, then remaining roles grouped by department in definition order. */
function orderedRoles(definition: Definition, layout: Layout): string[] {
  const declared = definition.roles.map((r) => r.id);
  const saved = [...layout.lanes]
    .sort((a, b) => a.order - b.order)
    .map((l) => l.role)
    .filter((r) => declared.includes(r));
  const rest = declared.filter((r) => !saved.includes(r));
  const departments: string[] = [];
  for (const r of definition.roles) {
    const d = r.department ?? '';
    if (!departments.includes(d)) departments.push(d);
  }
  const deptOf = (id: string) => definition.roles.find((r) => r.id === id)?.department ?? '';
  rest.sort((a, b) => departments.indexOf(deptOf(a)) - departments.indexOf(deptOf(b)));
  // A new role lands beside the saved lanes of its department when there are any.
  const order = [...saved];
  for (const r of rest) {
    let at = -1;
    order.forEach((o, i) => {
      if (deptOf(o) === deptOf(r)) at = i;
    });
    if (at >= 0) order.splice(at + 1, 0, r);
    else order.push(r);
  }
  return Array.from(new Set(order));
}

const heightOf = (step: Step | undefined) => (step ? NODE_SIZE[step.type].height : NODE_SIZE.task.height);

/**
 * The lanes, top to bottom, with their y ranges. A lane grows to hold its lowest box. A lane for
 * tasks without a declared role is added at the bottom only when such tasks exist.
 */
export function lanesOf(
  definition: Definition,
  layout: Layout,
  laneOf = laneOfSteps(definition, layout),
): Lane[] {
  const roles = orderedRoles(definition, layout);
  const bottom = new Map<string, number>();
  for (const [id, role] of laneOf) {
    const y = layout.positions[id]?.y ?? LANE.padding;
    const b = y + heightOf(definition.steps[id]) + LANE.padding;
    bottom.set(role, Math.max(bottom.get(role) ?? 0, b));
  }
  const lanes: Lane[] = [];
  let y = 0;
  const push = (role: string, name: string, department: string) => {
    const saved = layout.lanes.find((l) => l.role === role);
    const index = lanes.length;
    const height = Math.max(LANE.minHeight, bottom.get(role) ?? 0);
    lanes.push({
      role,
      name,
      department,
      color: saved?.color ?? LANE_COLORS[index % LANE_COLORS.length]!,
      index,
      y,
      height,
    });
    y += height;
  };
  for (const id of roles) {
    const role = definition.roles.find((r) => r.id === id)!;
    push(role.id, role.name, role.department ?? '');
  }
  if ([...laneOf.values()].includes(UNASSIGNED_LANE)) push(UNASSIGNED_LANE, 'No role', 'Assign a role');
  return lanes;
}

/** The lane under an absolute y (clamped to the first and last lane). */
export function laneAt(lanes: readonly Lane[], y: number): Lane | undefined {
  if (lanes.length === 0) return undefined;
  for (const lane of lanes) if (y < lane.y + lane.height) return lane;
  return lanes[lanes.length - 1];
}
