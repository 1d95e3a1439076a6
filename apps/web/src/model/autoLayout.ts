import type { Definition } from '@portalflow/engine';
import { allEdges } from '@portalflow/engine';
import type { Layout, StepPosition } from './document.ts';
import { LANE, NODE_SIZE, ROW_HEIGHT } from './geometry.ts';
import { laneOfSteps, lanesOf } from './lanes.ts';

/** The part of an ELK instance the layout needs (so tests pass a Node ELK, the browser a lazy one). */
export interface ElkNodeLike {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkNodeLike[];
  edges?: Array<{ id: string; sources: string[]; targets: string[] }>;
  layoutOptions?: Record<string, string>;
}
export interface ElkLike {
  layout(graph: ElkNodeLike): Promise<ElkNodeLike>;
}

const OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.nodeNodeBetweenLayers': '72',
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

/**
 * Lays the workflow out left to right with ELK's layered algorithm, then puts every box in its own
 * lane. ELK picks the columns (flow order) and the order inside a column; its partitions constrain
 * columns, not rows, so lanes are enforced here: each lane stacks its boxes in rows, in ELK's order,
 * never overlapping. Children are given lane by lane, so forced model order keeps a lane's boxes
 * together inside each column. Lane order and colours are kept.
 */
export async function autoLayout(elk: ElkLike, definition: Definition, layout: Layout): Promise<Layout> {
  // Roleless steps are re-homed beside their neighbours: a fresh layout ignores old placements.
  const laneOf = laneOfSteps(definition, { ...layout, positions: {} });
  const lanes = lanesOf(definition, { ...layout, positions: {} }, laneOf);
  const laneIndex = new Map(lanes.map((l, i) => [l.role, i]));
  const ids = Object.keys(definition.steps);
  const order = new Map(ids.map((id, i) => [id, i]));
  const byLane = [...ids].sort(
    (a, b) =>
      (laneIndex.get(laneOf.get(a)!) ?? 0) - (laneIndex.get(laneOf.get(b)!) ?? 0) ||
      order.get(a)! - order.get(b)!,
  );
  // The start first, so model-order cycle breaking points loops backwards.
  const start = byLane.indexOf(definition.start);
  if (start > 0) byLane.unshift(...byLane.splice(start, 1));
  const graph: ElkNodeLike = {
    id: 'root',
    layoutOptions: OPTIONS,
    children: byLane.map((id) => ({ id, ...NODE_SIZE[definition.steps[id]!.type] })),
    edges: allEdges(definition)
      .filter((e) => e.from !== e.to && definition.steps[e.to] !== undefined)
      .map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
  const result = await elk.layout(graph);
  const placed = new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));

  const positions: Record<string, StepPosition> = {};
  const laneMembers = new Map<string, string[]>();
  for (const id of ids) {
    const lane = laneOf.get(id)!;
    if (!laneMembers.has(lane)) laneMembers.set(lane, []);
    laneMembers.get(lane)!.push(id);
  }
  for (const [lane, members] of laneMembers) {
    members.sort((a, b) => placed.get(a)!.y - placed.get(b)!.y || placed.get(a)!.x - placed.get(b)!.x);
    // Each row keeps the x ranges it holds; a box takes the first row where it fits.
    const rows: Array<Array<[number, number]>> = [];
    for (const id of members) {
      const kind = definition.steps[id]!.type;
      const size = NODE_SIZE[kind];
      const x = Math.round(placed.get(id)!.x + LANE.contentLeft);
      const span: [number, number] = [x - 24, x + size.width + 24];
      let row = rows.findIndex((r) => r.every(([a, b]) => span[1] <= a || span[0] >= b));
      if (row < 0) row = rows.push([]) - 1;
      rows[row]!.push(span);
      const y = LANE.padding + row * ROW_HEIGHT + (NODE_SIZE.task.height - size.height) / 2;
      const position: StepPosition = { x, y: Math.round(y) };
      if (kind !== 'task') position.lane = lane;
      positions[id] = position;
    }
  }
  return {
    positions,
    lanes: lanes.map((l, i) => ({ role: l.role, order: i, ...(layoutColor(layout, l.role) ?? {}) })),
  };
}

function layoutColor(layout: Layout, role: string): { color: string } | undefined {
  const color = layout.lanes.find((l) => l.role === role)?.color;
  return color ? { color } : undefined;
}
