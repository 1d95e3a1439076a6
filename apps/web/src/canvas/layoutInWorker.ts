import { completeLayout, tidyLayout } from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';
import type { Layout } from '../model/document.ts';
import type { LayoutRequest } from './layoutWorker.ts';

type Reply = { id: number; layout?: Layout; same?: boolean; error?: string };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<
  number,
  { resolve(layout: Layout): void; reject(error: Error): void; layout: Layout }
>();

function layoutWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  if (!worker) {
    worker = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const { id, layout, same, error } = event.data;
      const waiting = pending.get(id);
      if (!waiting) return;
      pending.delete(id);
      if (error !== undefined || !layout)
        waiting.reject(new Error(error ?? 'The layout could not be computed'));
      else waiting.resolve(same ? waiting.layout : layout);
    };
  }
  return worker;
}

/**
 * Lays a workflow out in a worker: `tidy` is the Auto layout command (a diagram that already reads
 * cleanly comes back as the same object, so nothing is marked unsaved); `complete` only places
 * steps that have no position. Without workers (tests in Node) it runs in place.
 */
export function layoutInWorker(
  op: LayoutRequest['op'],
  definition: Definition,
  layout: Layout,
): Promise<Layout> {
  const w = layoutWorker();
  if (!w)
    return Promise.resolve(
      op === 'tidy' ? tidyLayout(definition, layout) : completeLayout(definition, layout),
    );
  const id = ++nextId;
  return new Promise<Layout>((resolve, reject) => {
    pending.set(id, { resolve, reject, layout });
    w.postMessage({ id, op, definition, layout } satisfies LayoutRequest);
  });
}
