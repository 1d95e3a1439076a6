import type { Definition } from '@portalflow/engine';
import type { StoredLayout, StoredPosition } from './layout-format.ts';
import { autoLayout } from './scene.ts';

/**
 * What the editor's "Auto layout" does: every step laid out afresh, the ones placed by hand too.
 * A lead who presses a button of that name expects the program to arrange the whole diagram, not
 * to leave the boxes she dropped or dragged as a staircase (one Undo puts them back). Steps stay
 * in their lanes, and lanes keep their order and colours. A diagram already laid out so is returned as it is — the same
 * object, so the draft is not marked unsaved.
 */
export function tidyLayout(definition: Definition, layout: StoredLayout): StoredLayout {
  // Only the lane of each step is kept (a decision's lane is the lead's choice), not its place.
  const lanes: StoredLayout['positions'] = {};
  for (const [id, p] of Object.entries(layout.positions))
    if (p.lane !== undefined) lanes[id] = { x: 0, y: 0, lane: p.lane };
  const laid = autoLayout(definition, { ...layout, positions: lanes });
  const same = Object.keys(definition.steps).every((id) =>
    samePlace(layout.positions[id], laid.positions[id]),
  );
  return same ? layout : { ...laid, lanes: layout.lanes.length > 0 ? layout.lanes : laid.lanes };
}

const samePlace = (a: StoredPosition | undefined, b: StoredPosition | undefined) =>
  a !== undefined && b !== undefined && a.x === b.x && a.y === b.y && a.lane === b.lane && !a.pinned;
