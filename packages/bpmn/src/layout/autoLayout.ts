import { allEdges, type Definition } from '@portalflow/engine';
import { laneOfSteps, laneOrder, UNASSIGNED_LANE } from './lanes.ts';
import { COLUMN_WIDTH, LANE, type Layout, NODE_SIZE, ROW_HEIGHT, type StepPosition } from './layout.ts';

/**
 * A simple lane/rank layout: a step's column is its longest distance from the start (loops are
 * cut where they point backwards), its lane is its role, and steps sharing a lane and a column
 * stack in rows. Light enough for export and import of large definitions; the editor's ELK
 * layout gives nicer results when the user asks for it.
 */
export function autoLayout(definition: Definition, base: Layout = { positions: {}, lanes: [] }): Layout {
  const ids = Object.keys(definition.steps);
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of allEdges(definition)) {
    if (e.from !== e.to && definition.steps[e.to] !== undefined) out.get(e.from)?.push(e.to);
  }
  // Depth-first from the start (then from any step not reached) marks the edges that close loops.
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const back = new Set<string>();
  const visit = (root: string) => {
    const stack: Array<[string, number]> = [[root, 0]];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [id, i] = top;
      const next = out.get(id)![i];
      if (next === undefined) {
        state.set(id, 2);
        order.push(id);
        stack.pop();
        continue;
      }
      top[1]++;
      const s = state.get(next);
      if (s === 1) back.add(`${id}\u0000${next}`);
      else if (s === undefined) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    }
  };
  if (definition.steps[definition.start]) visit(definition.start);
  for (const id of ids) if (!state.has(id)) visit(id);
  // Reverse post-order is a topological order of the forward edges: longest path gives the column.
  const rank = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const id of order.reverse()) {
    for (const to of out.get(id)!) {
      if (back.has(`${id}\u0000${to}`)) continue;
      rank.set(to, Math.max(rank.get(to)!, rank.get(id)! + 1));
    }
  }
  const laneOf = laneOfSteps(definition, { positions: {}, lanes: base.lanes });
  const lanes = laneOrder(definition, base, laneOf);
  const rows = new Map<string, number>();
  const positions: Record<string, StepPosition> = {};
  for (const id of ids) {
    const kind = definition.steps[id]!.type;
    const size = NODE_SIZE[kind];
    const lane = laneOf.get(id)!;
    const column = rank.get(id)!;
    const cell = `${lane}\u0000${column}`;
    const row = rows.get(cell) ?? 0;
    rows.set(cell, row + 1);
    const position: StepPosition = {
      x: LANE.contentLeft + column * COLUMN_WIDTH + (NODE_SIZE.task.width - size.width) / 2,
      y: LANE.padding + row * ROW_HEIGHT + (NODE_SIZE.task.height - size.height) / 2,
    };
    if (kind !== 'task') position.lane = lane;
    positions[id] = position;
  }
  return {
    positions,
    lanes: lanes
      .filter((role) => role !== UNASSIGNED_LANE)
      .map((role, order) => {
        const color = base.lanes.find((l) => l.role === role)?.color;
        return color ? { role, order, color } : { role, order };
      }),
  };
}
