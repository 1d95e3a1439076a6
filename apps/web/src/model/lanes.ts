import type { SceneLane } from '@portalflow/diagram';

export { laneOfSteps, UNASSIGNED_LANE } from '@portalflow/diagram';

/** One horizontal band of the swimlane diagram, as the diagram package places it. */
export type Lane = SceneLane;

/** The lane under an absolute y (clamped to the first and last lane). */
export function laneAt(lanes: readonly Lane[], y: number): Lane | undefined {
  if (lanes.length === 0) return undefined;
  for (const lane of lanes) if (y < lane.y + lane.height) return lane;
  return lanes[lanes.length - 1];
}
