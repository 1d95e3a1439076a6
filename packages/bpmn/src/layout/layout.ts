import type { StepKind } from '@portalflow/engine';

/**
 * The stored layout beside a definition, in the shape the web editor keeps it
 * (`apps/web/src/model/document.ts`): each step's box position, with `y` measured from the top of
 * its lane, and the lane order. Layout is only looks: it never changes the definition.
 */
export interface StepPosition {
  x: number;
  y: number;
  /** The lane (role id) of a step without a role of its own (decision, parallel, wait, end). */
  lane?: string;
}

export interface LaneLayout {
  role: string;
  color?: string;
  order: number;
}

export interface Layout {
  positions: Record<string, StepPosition>;
  lanes: LaneLayout[];
}

/** Box sizes of the editor's canvas per step kind (mirrors `apps/web/src/model/geometry.ts`). */
export const NODE_SIZE: Record<StepKind, { width: number; height: number }> = {
  task: { width: 208, height: 68 },
  decision: { width: 132, height: 72 },
  parallel: { width: 28, height: 96 },
  wait: { width: 156, height: 52 },
  end: { width: 52, height: 52 },
};

/** The editor's lane geometry (mirrors `LANE` in `apps/web/src/model/geometry.ts`). */
export const LANE = {
  labelWidth: 168,
  minHeight: 148,
  padding: 28,
  contentLeft: 208,
  columnGap: 88,
  rowGap: 36,
} as const;

export const COLUMN_WIDTH = NODE_SIZE.task.width + LANE.columnGap;
export const ROW_HEIGHT = NODE_SIZE.task.height + LANE.rowGap;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a stored layout leniently: anything malformed is dropped (layout is only looks). */
export function readLayout(raw: unknown): Layout {
  const layout: Layout = { positions: {}, lanes: [] };
  if (!isObject(raw)) return layout;
  if (isObject(raw.positions)) {
    for (const [id, p] of Object.entries(raw.positions)) {
      if (!isObject(p) || typeof p.x !== 'number' || typeof p.y !== 'number') continue;
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      const position: StepPosition = { x: p.x, y: p.y };
      if (typeof p.lane === 'string') position.lane = p.lane;
      layout.positions[id] = position;
    }
  }
  if (Array.isArray(raw.lanes)) {
    raw.lanes.forEach((l, i) => {
      if (!isObject(l) || typeof l.role !== 'string') return;
      const lane: LaneLayout = { role: l.role, order: typeof l.order === 'number' ? l.order : i };
      if (typeof l.color === 'string') lane.color = l.color;
      layout.lanes.push(lane);
    });
  }
  return layout;
}
