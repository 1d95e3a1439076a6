export {
  type BoxShape,
  measureStep,
  measureSteps,
  PORT_SPACING,
  stepSubtitle,
  type TextBlock,
} from './boxes.ts';
export { captionOf } from './caption.ts';
export { type Point, type Rect, rectsOverlap } from './geometry.ts';
export { type LabelMark, labelSize, markWidth, type PlacedLabel } from './labels.ts';
export { type LaneSpec, laneOfSteps, laneSpecs, UNASSIGNED_LANE } from './lanes.ts';
export { LABEL_BACKGROUND, LAYER } from './layers.ts';
export {
  emptyLayout,
  readStoredLayout,
  type StoredLane,
  type StoredLayout,
  type StoredPosition,
} from './layout-format.ts';
export { rankSteps } from './rank.ts';
export {
  type Drawing,
  drawingOfScene,
  drawingOfSvg,
  type Readability,
  readability,
  readabilityTotal,
} from './readability.ts';
export {
  adoptScene,
  autoLayout,
  completeLayout,
  DECISION_POINT,
  type LabelMarks,
  nextScene,
  type Placement,
  placementOf,
  type Scene,
  type SceneBox,
  type SceneEdge,
  type SceneLane,
  type SceneMemo,
  sceneMemo,
  sceneOf,
} from './scene.ts';
export { baseline, pathData, sceneSvg, shapeSvg, textRoom } from './svg.ts';
export { blockWidth, textWidth, wrapText } from './text.ts';
export {
  EDGE_LINE,
  FONT_FAMILY,
  INK,
  KIND,
  LABEL_BOX,
  LABEL_MARK,
  LANE,
  LANE_COLORS,
  MIN_TEXT_SIZE,
  ROUTING,
  TEXT,
  type TextStyle,
} from './theme.ts';
export { tidyLayout } from './tidy.ts';
export { workflowSvg } from './workflow-svg.ts';
