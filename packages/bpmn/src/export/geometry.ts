import { LANE } from '@portalflow/diagram';

/** The usual BPMN shape sizes (bpmn.io's defaults), so exported diagrams look at home in other modelers. */
export const BPMN_SIZE = {
  userTask: { width: 100, height: 80 },
  exclusiveGateway: { width: 50, height: 50 },
  parallelGateway: { width: 50, height: 50 },
  eventBasedGateway: { width: 50, height: 50 },
  intermediateCatchEvent: { width: 36, height: 36 },
  startEvent: { width: 36, height: 36 },
  endEvent: { width: 36, height: 36 },
  boundaryEvent: { width: 36, height: 36 },
} as const;

/** Width of the pool's name band; lanes start right of it. */
export const POOL_HEADER = 30;
/** Space between a lane's left edge and the first step's centre column. */
const MARGIN = 60;
/**
 * BPMN shapes are about half as wide as the editor's boxes, so x distances shrink by this factor
 * on export and grow back on import. y distances are kept (the heights are close).
 */
const X_SCALE = 1.5;

/** Editor x (of a box centre) → diagram x (of a shape centre), with the pool at x = 0. */
export const toDiagramX = (editorX: number) =>
  round(POOL_HEADER + MARGIN + (editorX - LANE.headerWidth) / X_SCALE);
/** Diagram x of a shape centre in a lane starting at `laneLeft` → editor x of the box centre. */
export const fromDiagramX = (diagramX: number, laneLeft: number) =>
  (diagramX - laneLeft - MARGIN) * X_SCALE + LANE.headerWidth;

export const round = (n: number) => Math.round(n * 100) / 100;
