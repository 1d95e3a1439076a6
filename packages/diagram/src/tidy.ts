import type { Definition } from '@portalflow/engine';
import type { StoredLayout } from './layout-format.ts';
import { drawingOfScene, readability, readabilityTotal } from './readability.ts';
import { autoLayout, sceneOf } from './scene.ts';

/**
 * What the editor's "Auto layout" does: a diagram that already places every step and reads
 * cleanly (no overlaps, no arrow through a box, nothing cut) is returned as it is — the same
 * object, so the draft is not marked unsaved; anything else is laid out afresh, keeping pins.
 */
export function tidyLayout(definition: Definition, layout: StoredLayout): StoredLayout {
  const placed = Object.keys(definition.steps).every((id) => layout.positions[id]);
  if (placed && readabilityTotal(readability(drawingOfScene(sceneOf(definition, layout)))) === 0)
    return layout;
  return autoLayout(definition, layout);
}
