import {
  adoptScene,
  completeLayout,
  type Scene,
  type SceneMemo,
  sceneOf,
  tidyLayout,
} from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';
import type { Layout } from '../model/document.ts';
import type { LayoutRequest } from './layoutWorker.ts';

type Reply = { id: number; layout?: Layout; same?: boolean; scene?: Scene; memo?: SceneMemo; error?: string };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();

function layoutWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  if (!worker) {
    worker = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const reply = event.data;
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.error !== undefined) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply);
    };
  }
  return worker;
}

/**
 * Starts the layout worker (fetching and compiling its code) ahead of its first request: the editor
 * calls it while the draft is still being read, so routing a large workflow can start at once.
 */
export function startLayoutWorker(): void {
  layoutWorker();
}

function ask(w: Worker, op: LayoutRequest['op'], definition: Definition, layout: Layout): Promise<Reply> {
  const id = ++nextId;
  return new Promise<Reply>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, op, definition, layout } satisfies LayoutRequest);
  });
}

/**
 * Lays a workflow out in a worker: `tidy` is the Auto layout command (a diagram that already reads
 * cleanly comes back as the same object, so nothing is marked unsaved); `complete` only places
 * steps that have no position. Without workers (tests in Node) it runs in place.
 */
export async function layoutInWorker(
  op: 'tidy' | 'complete',
  definition: Definition,
  layout: Layout,
): Promise<Layout> {
  const w = layoutWorker();
  if (!w) return op === 'tidy' ? tidyLayout(definition, layout) : completeLayout(definition, layout);
  const reply = await ask(w, op, definition, layout);
  if (!reply.layout) throw new Error('The layout could not be computed');
  return reply.same ? layout : reply.layout;
}

/**
 * Routes every arrow of a workflow in a worker and returns the scene with its memo, so the canvas
 * can go on from it with `nextScene` (re-routing only what each edit touches).
 */
export async function sceneInWorker(definition: Definition, layout: Layout): Promise<Scene> {
  const w = layoutWorker();
  if (!w) return sceneOf(definition, layout);
  const reply = await ask(w, 'scene', definition, layout);
  if (!reply.scene || !reply.memo) throw new Error('The arrows could not be routed');
  return adoptScene(reply.scene, reply.memo);
}
