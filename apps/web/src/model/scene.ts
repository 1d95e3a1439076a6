import type { Definition, Edge, StepKind } from '@portalflow/engine';
import { allEdges } from '@portalflow/engine';
import type { Layout, StepPosition } from './document.ts';
import { COLUMN_WIDTH, LANE, NODE_SIZE, ROW_HEIGHT } from './geometry.ts';
import { type Lane, laneOfSteps, lanesOf } from './lanes.ts';

/** A step's box in diagram coordinates (absolute: lane top + its y in the lane). */
export interface Box {
  id: string;
  kind: StepKind;
  lane: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Everything needed to draw the diagram, computed from the document alone. */
export interface Scene {
  lanes: Lane[];
  boxes: Map<string, Box>;
  edges: Edge[];
  width: number;
  height: number;
}

/** Column of each step: breadth-first distance from the start (unreached steps go after the rest). */
export function columnsOf(definition: Definition): Map<string, number> {
  const column = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const e of allEdges(definition)) {
    if (!out.has(e.from)) out.set(e.from, []);
    out.get(e.from)!.push(e.to);
  }
  const queue = definition.steps[definition.start] ? [definition.start] : [];
  if (queue.length) column.set(definition.start, 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const to of out.get(id) ?? []) {
      if (column.has(to) || !definition.steps[to]) continue;
      column.set(to, column.get(id)! + 1);
      queue.push(to);
    }
  }
  let next = Math.max(-1, ...column.values()) + 1;
  for (const id of Object.keys(definition.steps)) if (!column.has(id)) column.set(id, next++);
  return column;
}

/**
 * Fills in positions for steps that have none (new, imported or seeded without a layout): one
 * column per distance from the start, stacked inside their lane. Placed steps are left alone.
 */
export function completeLayout(definition: Definition, layout: Layout): Layout {
  const missing = Object.keys(definition.steps).filter((id) => !layout.positions[id]);
  if (missing.length === 0) return layout;
  const laneOf = laneOfSteps(definition, layout);
  const columns = columnsOf(definition);
  const positions: Record<string, StepPosition> = { ...layout.positions };
  // Occupied cells as "lane|column|row", so placing n steps stays linear.
  const cell = (lane: string, x: number, y: number) =>
    `${lane}|${Math.round((x - LANE.contentLeft) / COLUMN_WIDTH)}|${Math.round((y - LANE.padding) / ROW_HEIGHT)}`;
  const taken = new Set<string>();
  for (const [id, p] of Object.entries(positions)) {
    const lane = laneOf.get(id);
    if (lane !== undefined) taken.add(cell(lane, p.x, p.y));
  }
  for (const id of missing) {
    const step = definition.steps[id]!;
    const lane = laneOf.get(id)!;
    const size = NODE_SIZE[step.type];
    const x = LANE.contentLeft + columns.get(id)! * COLUMN_WIDTH + (NODE_SIZE.task.width - size.width) / 2;
    let row = 0;
    while (taken.has(cell(lane, x, rowY(row, NODE_SIZE.task.height)))) row++;
    const position: StepPosition = { x, y: rowY(row, size.height) };
    if (step.type !== 'task') position.lane = lane;
    positions[id] = position;
    taken.add(cell(lane, x, rowY(row, NODE_SIZE.task.height)));
  }
  return { ...layout, positions };
}

const rowY = (row: number, height: number) =>
  LANE.padding + row * ROW_HEIGHT + (NODE_SIZE.task.height - height) / 2;

export function sceneOf(definition: Definition, layout: Layout): Scene {
  const complete = completeLayout(definition, layout);
  const laneOf = laneOfSteps(definition, complete);
  const lanes = lanesOf(definition, complete, laneOf);
  const laneTop = new Map(lanes.map((l) => [l.role, l.y]));
  const boxes = new Map<string, Box>();
  let width: number = LANE.contentLeft;
  for (const [id, step] of Object.entries(definition.steps)) {
    const p = complete.positions[id]!;
    const lane = laneOf.get(id)!;
    const size = NODE_SIZE[step.type];
    const box: Box = { id, kind: step.type, lane, x: p.x, y: (laneTop.get(lane) ?? 0) + p.y, ...size };
    boxes.set(id, box);
    width = Math.max(width, box.x + box.width);
  }
  const last = lanes[lanes.length - 1];
  return {
    lanes,
    boxes,
    edges: allEdges(definition),
    width: width + LANE.columnGap,
    height: last ? last.y + last.height : 0,
  };
}

/** Converts an absolute drop point into a position inside `lane` (what `moveStep` stores). */
export function positionInLane(lane: Lane, x: number, y: number, kind: StepKind): StepPosition {
  const position: StepPosition = { x: Math.round(x), y: Math.round(Math.max(y - lane.y, LANE.padding / 2)) };
  if (kind !== 'task') position.lane = lane.role;
  return position;
}

/**
 * Where a box of `kind` fits near (x, y) in `lane` without overlapping another. A new box tries
 * the same row a few columns to the right first (`prefer: 'right'`); a dropped box moves down the
 * lane (`'down'`). `y` is measured in the lane, as positions are stored.
 */
export function freeSpot(
  scene: Scene,
  lane: Lane,
  x: number,
  y: number,
  kind: StepKind,
  prefer: 'right' | 'down' = 'right',
  ignore: ReadonlySet<string> = new Set(),
): StepPosition {
  const size = NODE_SIZE[kind];
  const gap = 16;
  const boxes = [...scene.boxes.values()].filter((b) => !ignore.has(b.id));
  const clash = (left: number, top: number) =>
    boxes.some(
      (b) =>
        left < b.x + b.width + gap &&
        b.x < left + size.width + gap &&
        lane.y + top < b.y + b.height + gap &&
        b.y < lane.y + top + size.height + gap,
    );
  let left = x;
  let top = y;
  const column =
    prefer === 'right'
      ? [0, 1, 2, 3, 4].map((n) => x + n * COLUMN_WIDTH).find((candidate) => !clash(candidate, y))
      : undefined;
  if (column !== undefined) left = column;
  else for (let tries = 0; tries < 200 && clash(left, top); tries++) top += ROW_HEIGHT / 4;
  const position: StepPosition = { x: Math.round(left), y: Math.round(top) };
  if (kind !== 'task') position.lane = lane.role;
  return position;
}
