import type { Definition } from '@portalflow/engine';
import { layOutColumns } from './auto-layout.ts';
import { type Point, type Rect, rectsOverlap, segmentGap } from './geometry.ts';
import { BESIDE_STEP, gapBetween, LINE_REACH } from './labels.ts';
import type { StoredLayout } from './layout-format.ts';
import type { Scene, SceneEdge } from './scene.ts';

/** How far a label keeps from a step its arrow neither leaves nor enters (as `placeLabels` wants). */
const STEP_CLEARANCE = 20;
/**
 * Above this many steps the check costs more than it gives (a drawing of a thousand steps takes
 * seconds): every label keeps its usual width, as the columns always did.
 */
const MOST_STEPS = 250;

/**
 * Lays a workflow out with columns only as far apart as its arrows' labels need, wrapped onto two
 * or three lines. Where a label then finds no clean spot (on a box, on another label or another
 * arrow's line, nearer another arrow than its own, against a step its arrow does not touch, or away
 * from the step it leaves), that step's column gets the room its labels need on their usual lines.
 * `draw` draws a scene from a layout that places every step.
 */
export function fitColumns(
  definition: Definition,
  layout: StoredLayout,
  draw: (layout: StoredLayout) => Scene,
): StoredLayout {
  const ids = Object.keys(definition.steps);
  if (ids.length > MOST_STEPS) return layOutColumns(definition, layout, new Set(ids));
  const laid = layOutColumns(definition, layout);
  const cramped = crampedSteps(draw(laid));
  return cramped.size === 0 ? laid : layOutColumns(definition, layout, cramped);
}

/** The steps with an arrow whose label reads badly where it was placed. */
function crampedSteps(scene: Scene): Set<string> {
  const steps = new Set<string>();
  const labels = scene.edges.filter((e) => e.caption);
  for (const e of scene.edges) {
    if (!e.text) continue;
    const label = e.caption;
    if (!label || readsBadly(e, label, scene, labels)) steps.add(e.from);
  }
  return steps;
}

function readsBadly(edge: SceneEdge, label: Rect, scene: Scene, labelled: readonly SceneEdge[]): boolean {
  const from = scene.boxes.get(edge.from);
  if (from && gapBetween(label, from) > BESIDE_STEP) return true;
  const own = gapToPath(label, edge.points);
  for (const other of scene.edges) {
    if (other === edge) continue;
    if (crosses(other.points, label) || gapToPath(label, other.points) < own) return true;
  }
  for (const other of labelled) if (other !== edge && rectsOverlap(label, other.caption!)) return true;
  for (const box of scene.boxes.values()) {
    const own = box.id === edge.from || box.id === edge.to;
    if (rectsOverlap(label, box, own ? 0 : STEP_CLEARANCE)) return true;
  }
  return false;
}

/** Through the label, or near enough that a highlighted (thick) line is drawn over its edge. */
const crosses = (points: readonly Point[], r: Rect) =>
  points.some((b, k) => k > 0 && segmentGap(points[k - 1]!, b, r) <= LINE_REACH);

const gapToPath = (r: Rect, points: readonly Point[]) =>
  Math.min(...points.slice(1).map((b, k) => segmentGap(points[k]!, b, r)));
