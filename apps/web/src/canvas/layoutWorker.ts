/// <reference lib="webworker" />
import { completeLayout, type StoredLayout, tidyLayout } from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';

/** Auto layout off the main thread: the editor stays responsive while a large workflow is laid out. */
export interface LayoutRequest {
  id: number;
  op: 'tidy' | 'complete';
  definition: Definition;
  layout: StoredLayout;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, op, definition, layout } = event.data;
  try {
    const result = op === 'tidy' ? tidyLayout(definition, layout) : completeLayout(definition, layout);
    // Identity does not survive postMessage: say whether anything changed.
    self.postMessage({ id, layout: result, same: result === layout });
  } catch (error) {
    self.postMessage({ id, error: (error as Error).message });
  }
};
