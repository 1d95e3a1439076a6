import { type LabelMarks, nextScene, placementOf, type Scene } from '@portalflow/diagram';
import { allEdges, type Definition } from '@portalflow/engine';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Layout } from '../model/document.ts';
import { sceneInWorker } from './layoutInWorker.ts';

/** Up to this many steps the first routing runs in place; above, in the layout worker. */
const SYNC_ROUTE_LIMIT = 300;

const large = (definition: Definition) => Object.keys(definition.steps).length > SYNC_ROUTE_LIMIT;

/** Whole-diagram routings asked for ahead of the canvas, by the very document they route. */
const ahead = new WeakMap<Definition, { layout: Layout; scene: Promise<Scene> }>();

/**
 * Starts routing a large workflow's arrows in the layout worker before the canvas is drawn (the
 * editor calls it as soon as the draft is read), so the routing runs while the boxes are drawn.
 * The canvas takes it up when it opens on the same definition and layout objects.
 */
export function routeAhead(definition: Definition, layout: Layout): void {
  if (!large(definition) || ahead.get(definition)?.layout === layout) return;
  ahead.set(definition, { layout, scene: sceneInWorker(definition, layout) });
}

/** The routing asked for ahead for exactly this document (taken once), else a new one. */
function routing(definition: Definition, layout: Layout): Promise<Scene> {
  const early = ahead.get(definition);
  ahead.delete(definition);
  return early?.layout === layout ? early.scene : sceneInWorker(definition, layout);
}

/**
 * Boxes and lanes while the arrows of a large workflow are first routed in the worker: arrows are
 * drawn provisionally (from box to box) only until the routed scene arrives.
 */
function unroutedScene(definition: Definition, layout: Layout): Scene {
  const placed = placementOf(definition, layout);
  const edges = allEdges(definition)
    .filter((e) => placed.boxes.has(e.from) && placed.boxes.has(e.to))
    .map((e) => ({
      ...e,
      id: e.path,
      text: '',
      points: [],
      dashed: e.kind === 'join' || e.kind === 'deadline',
      loop: false,
    }));
  return { title: definition.title, ...placed, edges };
}

/**
 * The scene the editor canvas draws, with every arrow routed. Each edit goes on from the previous
 * scene (`nextScene`): only the boxes whose text changed are measured again and only the arrows and
 * labels near what changed are routed and placed again, with the same result as starting over.
 * A large workflow is routed the first time in the layout worker, so it opens without waiting.
 * `marks` (a problem, a comparison) widen the labels they are drawn in.
 */
export function useCanvasScene(definition: Definition, layout: Layout, marks?: LabelMarks): Scene {
  // The latest routed scene: what the next edit builds on.
  const previous = useRef<Scene | undefined>(undefined);
  // The worker's scene, with the document it was routed from.
  const [routed, setRouted] = useState<{ scene: Scene; definition: Definition; layout: Layout }>();
  const isLarge = large(definition);
  const waitForWorker = isLarge && !previous.current && !routed;

  const scene = useMemo(() => {
    // No edit while the worker routed (and no marked label to widen): its scene is this document's as it is.
    if (!previous.current && routed?.definition === definition && routed.layout === layout && !marks) {
      previous.current = routed.scene;
      return routed.scene;
    }
    const from = previous.current ?? routed?.scene;
    if (!from && isLarge) return unroutedScene(definition, layout);
    const next = nextScene(from, definition, layout, marks);
    previous.current = next;
    return next;
  }, [definition, layout, routed, isLarge, marks]);

  // One whole-diagram routing in the worker; edits made meanwhile are caught up by `nextScene`.
  const latest = useRef({ definition, layout });
  latest.current = { definition, layout };
  const asked = useRef(false);
  useEffect(() => {
    if (!waitForWorker || asked.current) return;
    asked.current = true;
    let live = true;
    const { definition: d, layout: l } = latest.current;
    routing(d, l)
      .catch(() => nextScene(undefined, d, l))
      .then((s) => {
        if (live) setRouted({ scene: s, definition: d, layout: l });
      });
    return () => {
      live = false;
      asked.current = false;
    };
  }, [waitForWorker]);
  return scene;
}
