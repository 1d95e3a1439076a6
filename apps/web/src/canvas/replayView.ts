import { boundsOf, isOnScreen, placeView, type Rect, VIEW_PADDING } from './placeView.ts';
import { READABLE_ZOOM, readableView } from './readableView.ts';

type View = { x: number; y: number; zoom: number };
type Pane = { width: number; height: number };

/** Room left between the pane's edge and a step moved out of view, px on screen. */
const EDGE_GAP = 8;

/** What a replay (or any run shown on the diagram) asks the view to show. */
export interface PathFocus {
  /** Every step on the path so far, passed or open. */
  path: readonly Rect[];
  /** The steps open now. */
  open: readonly Rect[];
  /** The step reached last: the one the scrubbed event is about. */
  latest: Rect | null;
  /** The step before it on the path: with it, it shows where the work came from. */
  before: Rect | null;
}

/**
 * The view a replay opens at, and the one "fit view" returns to: the whole workflow when its titles
 * can be read so (as the editor's `readableView`); else the whole path taken when it fits at a
 * readable size (as large as fits, never past life size); else, at the readable size, the steps open
 * now when they fit together, or the step reached last (the others open then are named in a note on
 * the diagram, `OpenStepsNote`, each a button to it). No step is left cut by the pane's side edges,
 * where the lane names are: it is shown whole or moved out of view (`keepStepsWhole`).
 */
export function replayView(pane: Pane, content: Rect, boxes: readonly Rect[], focus: PathFocus): View {
  const path = boundsOf(focus.path);
  const fallback = boundsOf(focus.open) ?? focus.latest ?? path ?? content;
  const first = readableView(pane, content, fallback, 'centre');
  // Any zoom but the readable size is the whole workflow shown at once.
  if (first.zoom !== READABLE_ZOOM) return first;
  const fit = path ? fitZoom(pane, path) : 0;
  if (path && fit >= READABLE_ZOOM)
    return keepStepsWhole(pane, placeView(pane, content, path, Math.min(fit, 1)), boxes, path);
  return followView(pane, content, boxes, { ...first, zoom: READABLE_ZOOM }, focus, true);
}

/**
 * The view after a replay moves to another event: unchanged when the steps open now are on screen;
 * else moved (at the zoom people chose, zoomed out no further than the readable size) to show them
 * together, or the step reached last when they do not fit together; with no step cut at a side edge.
 */
export function followView(
  pane: Pane,
  content: Rect,
  boxes: readonly Rect[],
  view: View,
  focus: PathFocus,
  force = false,
): View {
  const open = boundsOf(focus.open);
  const target = open ?? focus.latest;
  if (!target) return view;
  if (!force && isOnScreen(pane, view, target)) return view;
  const fit = fitZoom(pane, target);
  if (open && fit >= Math.min(view.zoom, READABLE_ZOOM)) {
    const zoom = Math.min(view.zoom, Math.max(fit, READABLE_ZOOM));
    return keepStepsWhole(pane, placeView(pane, content, open, zoom), boxes, open);
  }
  // The step reached last, with the one it came from when both fit: a handoff reads as one.
  const latest = focus.latest ?? target;
  const handoff = focus.before ? boundsOf([focus.before, latest]) : null;
  const shown = handoff && fitZoom(pane, handoff) >= view.zoom ? handoff : latest;
  return keepStepsWhole(pane, placeView(pane, content, shown, view.zoom), boxes, latest);
}

/**
 * The view brought to one open step (the open-steps note's buttons): centred on it at the zoom people
 * chose, or at the readable size when that is smaller, with no step cut at a side edge.
 */
export function stepView(pane: Pane, content: Rect, boxes: readonly Rect[], view: View, step: Rect): View {
  const zoom = Math.max(view.zoom, READABLE_ZOOM);
  return keepStepsWhole(pane, placeView(pane, content, step, zoom), boxes, step);
}

/**
 * The view moved sideways so no step is cut by the pane's left edge (under the lane names) or its right
 * edge: each such step is brought wholly into view, or else moved wholly out of it, whichever keeps
 * `keep` whole on screen with the smaller move. A step wider than the pane stays as it is.
 */
export function keepStepsWhole(pane: Pane, view: View, boxes: readonly Rect[], keep: Rect): View {
  let x = view.x;
  const left = (b: Rect) => b.x * view.zoom + x;
  const right = (b: Rect) => (b.x + b.width) * view.zoom + x;
  const keeps = (dx: number) => left(keep) + dx >= 0 && right(keep) + dx <= pane.width;
  for (let round = 0; round < 6; round++) {
    const cut = boxes.find(
      (b) => (left(b) < 0 && right(b) > 0) || (left(b) < pane.width && right(b) > pane.width),
    );
    if (!cut || cut.width * view.zoom > pane.width - EDGE_GAP * 2) break;
    const atLeft = left(cut) < 0;
    // Shown whole (moved away from the edge it crosses), or hidden (moved past it).
    const show = atLeft ? VIEW_PADDING.left - left(cut) : pane.width - VIEW_PADDING.right - right(cut);
    const hide = atLeft ? -EDGE_GAP - right(cut) : pane.width + EDGE_GAP - left(cut);
    const moves = [show, hide].filter(keeps).sort((a, b) => Math.abs(a) - Math.abs(b));
    if (moves.length === 0) break;
    x += moves[0]!;
  }
  return { ...view, x };
}

/** The whole drawing in the pane, as large as fits and never past life size: what Fit view shows. */
export function wholeView(pane: Pane, content: Rect): View {
  return placeView(pane, content, content, Math.min(fitZoom(pane, content), 1));
}

/** The zoom at which `target` just fits inside the pane's padding. */
function fitZoom(pane: Pane, target: Rect): number {
  const width = pane.width - VIEW_PADDING.left - VIEW_PADDING.right;
  const height = pane.height - VIEW_PADDING.top - VIEW_PADDING.bottom;
  return Math.min(width / Math.max(target.width, 1), height / Math.max(target.height, 1));
}
