/// <reference lib="webworker" />
import { completeLayout, type StoredLayout, sceneMemo, sceneOf, tidyLayout } from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';

/**
 * Auto layout and whole-diagram routing off the main thread: the editor stays responsive while a
 * large workflow is laid out, or while every arrow of one is routed when it opens.
 */
export interface LayoutRequest {
  id: number;
  op: 'tidy' | 'complete' | 'scene';
  definition: Definition;
  layout: StoredLayout;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, op, definition, layout } = event.data;
  try {
    if (op === 'scene') {
      // The memo travels with the scene, so later edits re-route only what they touch.
      const scene = sceneOf(definition, layout);
      self.postMessage({ id, scene, memo: sceneMemo(scene) });
      return;
    }
    const result = op === 'tidy' ? tidyLayout(definition, layout) : completeLayout(definition, layout);
    // Identity does not survive postMessage: say whether anything changed.
    self.postMessage({ id, layout: result, same: result === layout });
  } catch (error) {
    self.postMessage({ id, error: (error as Error).message });
  }
};
