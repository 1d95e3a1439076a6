import { nextScene, placementOf, type Scene } from '@portalflow/diagram';
import { allEdges, type Definition } from '@portalflow/engine';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Layout } from '../model/document.ts';
import { sceneInWorker } from './layoutInWorker.ts';

/** Up to this many steps the first routing runs in place; above, in the layout worker. */
const SYNC_ROUTE_LIMIT = 300;

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
 */
export function useCanvasScene(definition: Definition, layout: Layout): Scene {
  // The latest routed scene: what the next edit builds on.
  const previous = useRef<Scene | undefined>(undefined);
  const [routed, setRouted] = useState<Scene | undefined>(undefined);
  const large = Object.keys(definition.steps).length > SYNC_ROUTE_LIMIT;
  const waitForWorker = large && !previous.current && !routed;

  const scene = useMemo(() => {
    const from = previous.current ?? routed;
    if (!from && large) return unroutedScene(definition, layout);
    const next = nextScene(from, definition, layout);
    previous.current = next;
    return next;
  }, [definition, layout, routed, large]);

  // One whole-diagram routing in the worker; edits made meanwhile are caught up by `nextScene`.
  const latest = useRef({ definition, layout });
  latest.current = { definition, layout };
  const asked = useRef(false);
  useEffect(() => {
    if (!waitForWorker || asked.current) return;
    asked.current = true;
    let live = true;
    const { definition: d, layout: l } = latest.current;
    sceneInWorker(d, l)
      .catch(() => nextScene(undefined, d, l))
      .then((s) => {
        if (live) setRouted(s);
      });
    return () => {
      live = false;
      asked.current = false;
    };
  }, [waitForWorker]);
  return scene;
}
