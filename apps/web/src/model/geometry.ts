import type { StepKind } from '@portalflow/engine';

/** Box sizes per step kind, shared by the canvas, the layout and the SVG export. */
export const NODE_SIZE: Record<StepKind, { width: number; height: number }> = {
  task: { width: 208, height: 68 },
  decision: { width: 132, height: 72 },
  parallel: { width: 28, height: 96 },
  wait: { width: 156, height: 52 },
  end: { width: 52, height: 52 },
};

/** Lanes: the sticky label band on the left, the minimum height and the padding around boxes. */
export const LANE = {
  labelWidth: 168,
  minHeight: 148,
  padding: 28,
  /** x where the first column of boxes starts (right of the label band at fit-view zoom). */
  contentLeft: 208,
  columnGap: 88,
  rowGap: 36,
} as const;

export const COLUMN_WIDTH = NODE_SIZE.task.width + LANE.columnGap;
export const ROW_HEIGHT = NODE_SIZE.task.height + LANE.rowGap;

/** Lane colours: soft tints, with the role text always carrying the meaning. */
export const LANE_COLORS = [
  '#e6fcf5',
  '#e7f5ff',
  '#fff9db',
  '#f3f0ff',
  '#fff4e6',
  '#ebfbee',
  '#f8f0fc',
  '#f1f3f5',
];
