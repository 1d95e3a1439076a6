import { boundsOf, isOnScreen, placeView, type Rect, VIEW_PADDING } from './placeView.ts';
import { READABLE_ZOOM, readableView } from './readableView.ts';

type View = { x: number; y: number; zoom: number };
type Pane = { width: number; height: number };

/** Room left between the pane's edge and a step moved out of view, px on screen. */
const EDGE_GAP = 8;
/** A label or step starting this close to the pane's left edge reads as tucked under the lane names. */
const AGAINST_NAMES = 4;
/** How far past an edge a thing ending there may still be drawn (its border, rounding), px. */
const SLACK = 2;
/**
 * The zoom controls' corner at the pane's bottom right (three 26-px buttons, React Flow's 15-px panel
 * margin, its shadow): a label drawn there is hidden as surely as one past the edge.
 */
const CONTROLS = { width: 48, height: 100 };

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
 * the diagram, `OpenStepsNote`, each a button to it). No step or arrow label (`drawn`) is left cut by
 * the pane's side edges, the left one where the lane names are: it is shown whole or moved out of view
 * (`keepStepsWhole`).
 */
export function replayView(pane: Pane, content: Rect, drawn: readonly Rect[], focus: PathFocus): View {
  const path = boundsOf(focus.path);
  const fallback = boundsOf(focus.open) ?? focus.latest ?? path ?? content;
  const first = readableView(pane, content, fallback, 'centre');
  // Any zoom but the readable size is the whole workflow shown at once.
  if (first.zoom !== READABLE_ZOOM) return first;
  if (path && fitZoom(pane, path) >= READABLE_ZOOM) return pathView(pane, content, drawn, path);
  return followView(pane, content, drawn, { ...first, zoom: READABLE_ZOOM }, focus, true);
}

/**
 * The path taken, as large as fits (never past life size), with no step or label cut at a side edge:
 * what a move cannot leave whole is taken into the view too, while that still reads.
 */
function pathView(pane: Pane, content: Rect, drawn: readonly Rect[], path: Rect): View {
  let target = path;
  let view = keepStepsWhole(
    pane,
    placeView(pane, content, target, Math.min(fitZoom(pane, target), 1)),
    drawn,
    path,
  );
  for (let round = 0; round < 4; round++) {
    const cut = cutAtSides(pane, view, drawn);
    const wider = boundsOf([target, ...cut]);
    if (cut.length === 0 || !wider || fitZoom(pane, wider) < READABLE_ZOOM) break;
    target = wider;
    view = keepStepsWhole(
      pane,
      placeView(pane, content, target, Math.min(fitZoom(pane, target), 1)),
      drawn,
      target,
    );
  }
  return view;
}

/**
 * The view after a replay moves to another event: unchanged when the steps open now are on screen;
 * else moved (at the zoom people chose, zoomed out no further than the readable size) to show them
 * together, or the step reached last when they do not fit together; with no step cut at a side edge.
 */
export function followView(
  pane: Pane,
  content: Rect,
  drawn: readonly Rect[],
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
    return keepStepsWhole(pane, placeView(pane, content, open, zoom), drawn, open);
  }
  // The step reached last, with the one it came from when both fit: a handoff reads as one.
  const latest = focus.latest ?? target;
  const handoff = focus.before ? boundsOf([focus.before, latest]) : null;
  const shown = handoff && fitZoom(pane, handoff) >= view.zoom ? handoff : latest;
  return clearOfSides(pane, content, drawn, shown, view.zoom, latest);
}

/** How much larger than asked a view may be drawn so nothing is left cut at a side edge. */
const CLEAR_ZOOMS = [1, 1.05, 1.1, 1.15];

/**
 * `target` centred at `zoom`, moved so nothing is cut at a side edge (`keepStepsWhole`); where a dense
 * stretch of steps and labels leaves no such place, drawn a little larger (titles larger still), which
 * moves the edges to other gaps. The first view clear of cuts, or the one at `zoom`.
 */
function clearOfSides(
  pane: Pane,
  content: Rect,
  drawn: readonly Rect[],
  target: Rect,
  zoom: number,
  keep: Rect,
): View {
  const first = keepStepsWhole(pane, placeView(pane, content, target, zoom), drawn, keep);
  if (cutAtSides(pane, first, drawn).length === 0) return first;
  // Else the same, or `keep` alone (the step reached last without the one before it), a little larger.
  for (const larger of CLEAR_ZOOMS)
    for (const shown of target === keep ? [keep] : [target, keep]) {
      if (fitZoom(pane, shown) < zoom * larger) continue;
      const view = keepStepsWhole(pane, placeView(pane, content, shown, zoom * larger), drawn, keep);
      if (isOnScreen(pane, view, keep) && cutAtSides(pane, view, drawn).length === 0) return view;
    }
  return first;
}

/**
 * The view brought to one open step (the open-steps note's buttons): centred on it at the zoom people
 * chose, or at the readable size when that is smaller, with no step cut at a side edge.
 */
export function stepView(pane: Pane, content: Rect, drawn: readonly Rect[], view: View, step: Rect): View {
  return clearOfSides(pane, content, drawn, step, Math.max(view.zoom, READABLE_ZOOM), step);
}

/**
 * The view moved sideways so no step or arrow label (`drawn`) is cut by the pane's left edge (where
 * the lane names begin) or its right edge, nor drawn against the left one: of the moves that bring
 * one of them wholly into view or wholly out of it, the one leaving the fewest cut, then the smallest,
 * while `keep` (if given) stays whole on screen. Anything wider than the pane is left as it is.
 */
export function keepStepsWhole(pane: Pane, view: View, drawn: readonly Rect[], keep?: Rect): View {
  const { zoom } = view;
  const items = drawn.filter((b) => b.width * zoom <= pane.width - EDGE_GAP * 2 && acrossDown(pane, view, b));
  const cutAt = (x: number) => items.filter((b) => isCut(pane, b, zoom, x, view.y)).length;
  const keeps = (x: number) =>
    !keep || (keep.x * zoom + x >= 0 && (keep.x + keep.width) * zoom + x <= pane.width);
  const now = cutAt(view.x);
  if (now === 0) return view;
  // Where each thing near the pane would be shown whole at either side, or just hidden past it.
  const near = items.filter((b) => {
    const left = b.x * zoom + view.x;
    return left < pane.width * 2 && left + b.width * zoom > -pane.width;
  });
  const candidates = near.flatMap((b) => {
    const left = b.x * zoom;
    const right = (b.x + b.width) * zoom;
    const edge = rightEdge(pane, b, zoom, view.y);
    return [
      VIEW_PADDING.left - left,
      edge - VIEW_PADDING.right - right,
      -EDGE_GAP - right,
      pane.width + EDGE_GAP - left,
    ];
  });
  // And, the view being held to what shows `keep` whole, where that runs out.
  if (keep)
    candidates.push(
      -keep.x * zoom,
      VIEW_PADDING.left - keep.x * zoom,
      pane.width - (keep.x + keep.width) * zoom,
      pane.width - VIEW_PADDING.right - (keep.x + keep.width) * zoom,
    );
  let best = { x: view.x, cut: now };
  for (const x of candidates) {
    if (!keeps(x)) continue;
    const cut = cutAt(x);
    if (cut < best.cut || (cut === best.cut && Math.abs(x - view.x) < Math.abs(best.x - view.x)))
      best = { x, cut };
  }
  return best.x === view.x ? view : { ...view, x: best.x };
}

/** Those of `drawn` on screen down the pane that the view cuts at its side edges, or draws against the left one. */
export function cutAtSides(pane: Pane, view: View, drawn: readonly Rect[]): Rect[] {
  return drawn.filter(
    (b) =>
      b.width * view.zoom <= pane.width - EDGE_GAP * 2 &&
      acrossDown(pane, view, b) &&
      isCut(pane, b, view.zoom, view.x, view.y),
  );
}

/** Whether `b` is drawn at a height the pane shows (above or below it, no side edge can cut it). */
function acrossDown(pane: Pane, view: View, b: Rect): boolean {
  const top = b.y * view.zoom + view.y;
  return top < pane.height && top + b.height * view.zoom > 0;
}

function isCut(pane: Pane, b: Rect, zoom: number, x: number, y: number): boolean {
  const left = b.x * zoom + x;
  const right = (b.x + b.width) * zoom + x;
  const edge = rightEdge(pane, b, zoom, y);
  // Within SLACK of an edge counts as across it: a label's border and rounding draw it a pixel wider.
  // Low in the pane the right edge is the zoom controls' (what runs under them to the pane's edge is cut).
  return (left < AGAINST_NAMES && right > -SLACK) || (left < pane.width + SLACK && right > edge - SLACK);
}

/** Where `b`'s row of the pane ends on the right: the pane's edge, or the zoom controls' low down. */
function rightEdge(pane: Pane, b: Rect, zoom: number, y: number): number {
  return (b.y + b.height) * zoom + y > pane.height - CONTROLS.height
    ? pane.width - CONTROLS.width
    : pane.width;
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
