import type { StepKind } from '@portalflow/engine';

/**
 * Every size, gap, font and colour of the swimlane diagram. The canvas, the audit replay, the
 * handbook, the SVG/PNG exports and the BPMN diagram interchange all read these, so a change here
 * changes every output at once.
 */
export const FONT_FAMILY = 'Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif';

export interface TextStyle {
  size: number;
  lineHeight: number;
  weight: 400 | 600;
}

export const TEXT = {
  title: { size: 13, lineHeight: 17, weight: 600 },
  subtitle: { size: 11, lineHeight: 14, weight: 400 },
  edgeLabel: { size: 11, lineHeight: 14, weight: 400 },
  laneName: { size: 13, lineHeight: 17, weight: 600 },
  laneDepartment: { size: 11, lineHeight: 14, weight: 400 },
} as const satisfies Record<string, TextStyle>;

/**
 * An arrow's label as every output draws it: its lines in `TEXT.edgeLabel` with this much room
 * around them inside its box (the border included). The box is sized for the text in `weight`
 * (bold): a highlighted label (the path a request took in the audit replay, the arrow chosen in the
 * editor) is drawn bold and must still fit the box it was placed in, off the other arrows.
 */
export const LABEL_BOX = { paddingX: 5, paddingY: 0, border: 1, weight: 600 } as const;

/**
 * What the editor adds to a label in a row after (or before) its text: a problem's icon (`icon` px
 * square) and words such as "warning" or "changed" in capitals (`size`, bold), each `gap` px from
 * what is beside it. The label's box is sized with them, so a marked label still fits its place.
 */
export const LABEL_MARK = { icon: 11, gap: 3, size: 9, weight: 600 } as const;

/**
 * An arrow's line: `width` as drawn, `raised` on a highlighted path. Nothing may come within half the
 * raised width of a line it is not part of, or the thick line is drawn over it.
 */
export const EDGE_LINE = { width: 1.5, raised: 3 } as const;

/** The smallest text any output may draw (exports are read on paper and at fit-to-screen zoom). */
export const MIN_TEXT_SIZE = 10;

/**
 * Per kind: the box width, the shape drawn inside it, and where text goes. Boxes grow in height to
 * hold their wrapped title; titles are never cut.
 * - `inside`: the title is drawn inside the shape (task, decision, wait).
 * - `below`: the shape is small and the title sits under it (parallel bar, end circle); the box
 *   includes that text, so routing and label placement keep clear of it.
 */
export interface KindStyle {
  width: number;
  text: 'inside' | 'below';
  /** inside: horizontal padding between the shape's edge and the text. */
  paddingX: number;
  paddingY: number;
  /** below: the shape's own size (the box is at least this big). */
  shape: { width: number; height: number };
  minHeight: number;
}

export const KIND: Record<StepKind, KindStyle> = {
  task: {
    width: 196,
    text: 'inside',
    paddingX: 12,
    paddingY: 10,
    shape: { width: 196, height: 56 },
    minHeight: 56,
  },
  decision: {
    width: 176,
    text: 'inside',
    paddingX: 24,
    paddingY: 10,
    shape: { width: 176, height: 52 },
    minHeight: 52,
  },
  wait: {
    width: 176,
    text: 'inside',
    paddingX: 20,
    paddingY: 10,
    shape: { width: 176, height: 48 },
    minHeight: 48,
  },
  parallel: {
    width: 128,
    text: 'below',
    paddingX: 0,
    paddingY: 4,
    shape: { width: 14, height: 60 },
    minHeight: 60,
  },
  end: {
    width: 128,
    text: 'below',
    paddingX: 0,
    paddingY: 4,
    shape: { width: 34, height: 34 },
    minHeight: 34,
  },
};

/** Lanes: the header column on the left, padding around boxes, gaps between columns and rows. */
export const LANE = {
  /** Width of the lane header column (role name and department). Steps always start right of it. */
  headerWidth: 168,
  /** x where the first column of boxes starts. */
  contentLeft: 208,
  minHeight: 120,
  padding: 28,
  /** Room between columns: the arrows' vertical channels and their labels live here. */
  columnGap: 132,
  /** Room between rows of one lane (horizontal channels). */
  rowGap: 44,
} as const;

/** Space kept between an arrow and any box it passes, and between parallel arrows. */
export const ROUTING = {
  clearance: 10,
  /** How many parallel tracks each gap offers, so arrows sharing a gap do not draw on top of each other. */
  tracks: 5,
  bendCost: 40,
  /** Extra cost per pixel of running along a line another arrow already uses (per arrow, up to three). */
  sharedCost: 1.5,
} as const;

/** Lane colours: soft tints; the role's name always carries the meaning. */
export const LANE_COLORS = [
  '#e6fcf5',
  '#e7f5ff',
  '#fff9db',
  '#f3f0ff',
  '#fff4e6',
  '#ebfbee',
  '#f8f0fc',
  '#f1f3f5',
] as const;

export const INK = {
  text: '#212529',
  muted: '#495057',
  stroke: '#495057',
  edge: '#5c6b73',
  header: '#f8f9fa',
  headerStroke: '#adb5bd',
  laneStroke: '#ced4da',
  decisionFill: '#fff8e1',
  waitFill: '#f8f9fa',
  boxFill: '#ffffff',
} as const;
