import { KIND, LANE, type Scene } from '@portalflow/diagram';
import type { StepKind } from '@portalflow/engine';
import type { StepPosition } from './document.ts';
import type { Lane } from './lanes.ts';

export { completeLayout, type Scene, type SceneBox, type SceneEdge, sceneOf } from '@portalflow/diagram';

/** A new box's size before it has a title to wrap: the kind's width and its smallest height. */
export const newBoxSize = (kind: StepKind) => ({ width: KIND[kind].width, height: KIND[kind].minHeight });

/** One column of the auto layout: a task's width and the gap after it (where new steps go). */
export const COLUMN_WIDTH = KIND.task.width + LANE.columnGap;
const ROW_STEP = KIND.task.minHeight + LANE.rowGap;

/** Converts an absolute drop point into a position inside `lane` (what `moveStep` stores): pinned by hand. */
export function positionInLane(lane: Lane, x: number, y: number, kind: StepKind): StepPosition {
  const position: StepPosition = {
    x: Math.round(Math.max(x, LANE.contentLeft)),
    y: Math.round(Math.max(y - lane.y, LANE.padding / 2)),
    pinned: true,
  };
  if (kind !== 'task') position.lane = lane.role;
  return position;
}

/**
 * Where a box of `kind` fits near (x, y) in `lane` without overlapping another. A new box tries
 * the same row a few columns to the right first (`prefer: 'right'`); a dropped box moves down the
 * lane (`'down'`). `y` is measured in the lane, as positions are stored.
 */
export function freeSpot(
  scene: Pick<Scene, 'boxes'>,
  lane: Lane,
  x: number,
  y: number,
  kind: StepKind,
  prefer: 'right' | 'down' = 'right',
  ignore: ReadonlySet<string> = new Set(),
): StepPosition {
  const size = newBoxSize(kind);
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
  let left = Math.max(x, LANE.contentLeft);
  let top = y;
  const column =
    prefer === 'right'
      ? [0, 1, 2, 3, 4].map((n) => left + n * COLUMN_WIDTH).find((candidate) => !clash(candidate, y))
      : undefined;
  if (column !== undefined) left = column;
  else for (let tries = 0; tries < 200 && clash(left, top); tries++) top += ROW_STEP / 4;
  const position: StepPosition = { x: Math.round(left), y: Math.round(top), pinned: true };
  if (kind !== 'task') position.lane = lane.role;
  return position;
}
