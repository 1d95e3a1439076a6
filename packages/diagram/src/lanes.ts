import { allEdges, type Definition } from '@portalflow/engine';
import type { StoredLayout } from './layout-format.ts';
import { LANE_COLORS } from './theme.ts';

/** The lane of tasks whose role is missing or not declared. */
export const UNASSIGNED_LANE = '';

/** A lane before it is placed: which role, in what order, with which colour. */
export interface LaneSpec {
  role: string;
  name: string;
  department: string;
  color: string;
  index: number;
}

/**
 * Which lane each step sits in: a task's role; for other kinds, the lane it was put in, else the
 * lane of the step leading into it, else of the step it leads to. Steps never leave their lane.
 */
export function laneOfSteps(definition: Definition, layout: StoredLayout): Map<string, string> {
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
  const into = new Map<string, string[]>();
  const outOf = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, v: string) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const e of allEdges(definition)) {
    add(into, e.to, e.from);
    add(outOf, e.from, e.to);
  }
  const fallback = definition.roles[0]?.id ?? UNASSIGNED_LANE;
  for (let pass = 0; pass < 8 && pending.length > 0; pass++) {
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

/** Lane order: the saved order first, then the other roles grouped by department, in definition order. */
function orderedRoles(definition: Definition, layout: StoredLayout): string[] {
  const declared = definition.roles.map((r) => r.id);
  const saved = [...layout.lanes]
    .sort((a, b) => a.order - b.order)
    .map((l) => l.role)
    .filter((r) => declared.includes(r));
  const deptOf = (id: string) => definition.roles.find((r) => r.id === id)?.department ?? '';
  const order = [...new Set(saved)];
  for (const r of declared) {
    if (order.includes(r)) continue;
    // A new role lands after the last lane of its department, if there is one.
    let at = -1;
    order.forEach((o, i) => {
      if (deptOf(o) === deptOf(r)) at = i;
    });
    if (at >= 0) order.splice(at + 1, 0, r);
    else order.push(r);
  }
  return order;
}

/** The lanes, top to bottom. A "No role" lane is added at the bottom only when a task needs it. */
export function laneSpecs(
  definition: Definition,
  layout: StoredLayout,
  laneOf: Map<string, string>,
): LaneSpec[] {
  const specs: LaneSpec[] = [];
  const push = (role: string, name: string, department: string) => {
    const saved = layout.lanes.find((l) => l.role === role)?.color;
    const index = specs.length;
    specs.push({ role, name, department, color: saved ?? LANE_COLORS[index % LANE_COLORS.length]!, index });
  };
  for (const id of orderedRoles(definition, layout)) {
    const role = definition.roles.find((r) => r.id === id)!;
    push(role.id, role.name, role.department ?? '');
  }
  if ([...laneOf.values()].includes(UNASSIGNED_LANE)) push(UNASSIGNED_LANE, 'No role', 'Assign a role');
  return specs;
}
