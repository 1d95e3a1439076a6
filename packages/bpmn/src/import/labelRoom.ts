import { rectsOverlap, type StoredLayout, sceneOf } from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';

/** How far the columns right of a cramped arrow move at a time. */
const STEP = 16;
/** At most this many moves: a drawing that still has no room after them is left as it is. */
const MOST_MOVES = 60;

/**
 * Other modelers draw smaller boxes than the editor and put no words on most arrows, so between the
 * editor's boxes, centred where the file's shapes were, an outcome's label can find no spot off the
 * steps. Where a label still lies on a step, every step right of the arrow's gap moves right (a
 * column at a time, so the drawing keeps its shape) until each label has room or nothing can help.
 */
export function makeRoomForLabels(definition: Definition, layout: StoredLayout): StoredLayout {
  let current = layout;
  const hopeless = new Set<string>();
  for (let moves = 0; moves < MOST_MOVES; moves++) {
    const pivot = crampedGap(definition, current, hopeless);
    if (pivot === undefined) break;
    const positions = Object.fromEntries(
      Object.entries(current.positions).map(([id, p]) => [id, p.x >= pivot ? { ...p, x: p.x + STEP } : p]),
    );
    current = { ...current, positions };
  }
  return current;
}

/** The x from which steps move right to widen the gap under the first label lying on a step. */
function crampedGap(definition: Definition, layout: StoredLayout, hopeless: Set<string>): number | undefined {
  const scene = sceneOf(definition, layout);
  for (const edge of scene.edges) {
    const label = edge.caption;
    if (!label || hopeless.has(edge.id)) continue;
    const on = [...scene.boxes.values()].filter((box) => rectsOverlap(label, box, 0));
    if (on.length === 0) continue;
    const from = scene.boxes.get(edge.from)!;
    const to = scene.boxes.get(edge.to)!;
    // Move the first step right of where the arrow starts that the label lies on (its own target
    // when it lies only on the step it leaves), and every step from there on.
    const ahead = [...on, to].filter((box) => box.id !== from.id && box.x > from.x).map((box) => box.x);
    const pivot = ahead.length > 0 ? Math.min(...ahead) : undefined;
    // An arrow back to an earlier column: moving columns cannot widen its gap.
    if (pivot === undefined) {
      hopeless.add(edge.id);
      continue;
    }
    return pivot;
  }
  return undefined;
}
