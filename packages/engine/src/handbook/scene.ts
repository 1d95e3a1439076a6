import type { Definition, StepKind } from '../definition.ts';
import { allEdges, type Edge } from '../graph.ts';

/**
 * The swimlane geometry of a workflow, from the definition and the layout stored beside it (the
 * editor's format: `{ positions: { stepId: {x, y, lane?} }, lanes: [{role, order, color?}] }`, y
 * measured from the top of the step's lane). Steps without a stored position are placed in one
 * column per distance from the start, so a workflow published without a layout still draws.
 * The sizes match the web editor's so an exported diagram looks like the one on screen.
 */
export const NODE_SIZE: Record<StepKind, { width: number; height: number }> = {
  task: { width: 208, height: 68 },
  decision: { width: 132, height: 72 },
  parallel: { width: 28, height: 96 },
  wait: { width: 156, height: 52 },
  end: { width: 52, height: 52 },
};
export const LANE = {
  labelWidth: 168,
  minHeight: 148,
  padding: 28,
  contentLeft: 208,
  columnGap: 88,
  rowGap: 36,
};
const COLUMN_WIDTH = NODE_SIZE.task.width + LANE.columnGap;
const ROW_HEIGHT = NODE_SIZE.task.height + LANE.rowGap;
const LANE_COLORS = ['#e6fcf5', '#e7f5ff', '#fff9db', '#f3f0ff', '#fff4e6', '#ebfbee', '#f8f0fc', '#f1f3f5'];

export interface StoredPosition {
  x: number;
  y: number;
  lane?: string;
}
export interface StoredLayout {
  positions: Record<string, StoredPosition>;
  lanes: Array<{ role: string; order: number; color?: string }>;
}

export interface SceneLane {
  role: string;
  name: string;
  department: string;
  color: string;
  y: number;
  height: number;
}
export interface SceneBox {
  id: string;
  kind: StepKind;
  lane: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Scene {
  lanes: SceneLane[];
  boxes: Map<string, SceneBox>;
  edges: Edge[];
  width: number;
  height: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a stored layout leniently: a malformed part is dropped (layout is only looks). */
export function readStoredLayout(raw: unknown): StoredLayout {
  const layout: StoredLayout = { positions: {}, lanes: [] };
  if (!isObject(raw)) return layout;
  if (isObject(raw.positions)) {
    for (const [id, p] of Object.entries(raw.positions)) {
      if (!isObject(p) || !Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      const position: StoredPosition = { x: p.x as number, y: p.y as number };
      if (typeof p.lane === 'string') position.lane = p.lane;
      layout.positions[id] = position;
    }
  }
  if (Array.isArray(raw.lanes)) {
    raw.lanes.forEach((l, i) => {
      if (!isObject(l) || typeof l.role !== 'string') return;
      const lane: StoredLayout['lanes'][number] = {
        role: l.role,
        order: typeof l.order === 'number' ? l.order : i,
      };
      if (typeof l.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(l.color)) lane.color = l.color;
      layout.lanes.push(lane);
    });
  }
  return layout;
}

/** A task's lane is its role; other steps sit where they were put, else beside a neighbour. */
function laneOfSteps(definition: Definition, layout: StoredLayout): Map<string, string> {
  const roles = new Set(definition.roles.map((r) => r.id));
  const lane = new Map<string, string>();
  const pending: string[] = [];
  for (const [id, step] of Object.entries(definition.steps)) {
    if (step.type === 'task') lane.set(id, step.role !== undefined && roles.has(step.role) ? step.role : '');
    else {
      const placed = layout.positions[id]?.lane;
      if (placed !== undefined && roles.has(placed)) lane.set(id, placed);
      else pending.push(id);
    }
  }
  const near = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = near.get(a);
    if (list) list.push(b);
    else near.set(a, [b]);
  };
  for (const e of allEdges(definition)) {
    link(e.to, e.from);
    link(e.from, e.to);
  }
  for (let pass = 0; pass < 6 && pending.length > 0; pass++) {
    for (let i = pending.length - 1; i >= 0; i--) {
      const id = pending[i]!;
      const n = (near.get(id) ?? []).find((x) => lane.has(x));
      if (n !== undefined) {
        lane.set(id, lane.get(n)!);
        pending.splice(i, 1);
      }
    }
  }
  for (const id of pending) lane.set(id, definition.roles[0]?.id ?? '');
  return lane;
}

function columnsOf(definition: Definition): Map<string, number> {
  const column = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const e of allEdges(definition)) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const queue = definition.steps[definition.start] ? [definition.start] : [];
  if (queue.length) column.set(definition.start, 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
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

const rowY = (row: number, height: number) =>
  LANE.padding + row * ROW_HEIGHT + (NODE_SIZE.task.height - height) / 2;

/** Positions for every step: the stored ones, and a column-per-distance placement for the rest. */
function completePositions(
  definition: Definition,
  layout: StoredLayout,
  laneOf: Map<string, string>,
): Record<string, StoredPosition> {
  const positions = { ...layout.positions };
  const missing = Object.keys(definition.steps).filter((id) => !positions[id]);
  if (missing.length === 0) return positions;
  const columns = columnsOf(definition);
  const cell = (lane: string, x: number, y: number) =>
    `${lane}|${Math.round((x - LANE.contentLeft) / COLUMN_WIDTH)}|${Math.round((y - LANE.padding) / ROW_HEIGHT)}`;
  const taken = new Set<string>();
  for (const [id, p] of Object.entries(positions)) {
    const lane = laneOf.get(id);
    if (lane !== undefined) taken.add(cell(lane, p.x, p.y));
  }
  for (const id of missing) {
    const kind = definition.steps[id]!.type;
    const lane = laneOf.get(id)!;
    const size = NODE_SIZE[kind];
    const x = LANE.contentLeft + columns.get(id)! * COLUMN_WIDTH + (NODE_SIZE.task.width - size.width) / 2;
    let row = 0;
    while (taken.has(cell(lane, x, rowY(row, NODE_SIZE.task.height)))) row++;
    positions[id] = { x, y: rowY(row, size.height) };
    taken.add(cell(lane, x, rowY(row, NODE_SIZE.task.height)));
  }
  return positions;
}

function orderedRoles(definition: Definition, layout: StoredLayout): string[] {
  const declared = definition.roles.map((r) => r.id);
  const saved = [...layout.lanes]
    .sort((a, b) => a.order - b.order)
    .map((l) => l.role)
    .filter((r) => declared.includes(r));
  return Array.from(new Set([...saved, ...declared]));
}

export function sceneOf(definition: Definition, rawLayout?: unknown): Scene {
  const layout = readStoredLayout(rawLayout);
  const laneOf = laneOfSteps(definition, layout);
  const positions = completePositions(definition, layout, laneOf);
  const bottom = new Map<string, number>();
  for (const [id, role] of laneOf) {
    const b = positions[id]!.y + NODE_SIZE[definition.steps[id]!.type].height + LANE.padding;
    bottom.set(role, Math.max(bottom.get(role) ?? 0, b));
  }
  const lanes: SceneLane[] = [];
  let y = 0;
  const push = (role: string, name: string, department: string) => {
    const height = Math.max(LANE.minHeight, bottom.get(role) ?? 0);
    const color =
      layout.lanes.find((l) => l.role === role)?.color ?? LANE_COLORS[lanes.length % LANE_COLORS.length]!;
    lanes.push({ role, name, department, color, y, height });
    y += height;
  };
  for (const id of orderedRoles(definition, layout)) {
    const role = definition.roles.find((r) => r.id === id)!;
    push(role.id, role.name, role.department ?? '');
  }
  if ([...laneOf.values()].includes('')) push('', 'No role', 'Assign a role');
  const top = new Map(lanes.map((l) => [l.role, l.y]));
  const boxes = new Map<string, SceneBox>();
  let width = LANE.contentLeft;
  for (const [id, step] of Object.entries(definition.steps)) {
    const p = positions[id]!;
    const lane = laneOf.get(id)!;
    const box: SceneBox = {
      id,
      kind: step.type,
      lane,
      x: p.x,
      y: (top.get(lane) ?? 0) + p.y,
      ...NODE_SIZE[step.type],
    };
    boxes.set(id, box);
    width = Math.max(width, box.x + box.width);
  }
  // Room on the right for the labels of arrows that loop back past the last column.
  return { lanes, boxes, edges: allEdges(definition), width: width + LANE.columnGap + 60, height: y };
}
