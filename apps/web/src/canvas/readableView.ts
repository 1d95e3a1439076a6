import { TEXT } from '@portalflow/diagram';
import type { Scene } from '../model/scene.ts';
import { boundsOf, placeView, type Rect, VIEW_PADDING } from './placeView.ts';

/** Step titles are drawn at this size on screen or larger to be read comfortably. */
export const READABLE_TITLE_PX = 11;
/** The zoom at which step titles reach that size: the least a view placed for people is drawn at. */
export const READABLE_ZOOM = READABLE_TITLE_PX / TEXT.title.size;

/** What is drawn: the boxes across, every lane down (an empty lane is part of the picture). */
export function contentOf(scene: Pick<Scene, 'boxes' | 'lanes'>): Rect | null {
  const boxes = boundsOf([...scene.boxes.values()]);
  if (!boxes) return null;
  const lanes = boundsOf(scene.lanes.map((l) => ({ x: boxes.x, y: l.y, width: 0, height: l.height })));
  if (!lanes) return boxes;
  const top = Math.min(boxes.y, lanes.y);
  const bottom = Math.max(boxes.y + boxes.height, lanes.y + lanes.height);
  return { x: boxes.x, y: top, width: boxes.width, height: bottom - top };
}

/**
 * The view a diagram opens at, and the one "fit view" and "Readable size" return to: the whole
 * drawing when its titles can be read so (never larger than life); else readable titles, showing as
 * much as fits around `focus`. This is React Flow's `fitView` with `minZoom` at the readable size,
 * except where the view goes: fitView centres the drawing's middle, which on a workflow says nothing
 * on its own. `'start'` (a workflow read from its start, as an editor shows it) puts the drawing's
 * top-left corner (the first lane, the start) at the pane's top-left, or the focus there when it
 * would be off screen so, and ends the view between two steps rather than through one (`boxes`:
 * zoomed in a little, or else moved right a little);
 * `'centre'` centres the focus (the steps open now in a replay).
 */
export function readableView(
  pane: { width: number; height: number },
  content: Rect,
  focus: Rect,
  align: 'start' | 'centre',
  boxes: readonly Rect[] = [],
): { x: number; y: number; zoom: number } {
  const room = {
    width: pane.width - VIEW_PADDING.left - VIEW_PADDING.right,
    height: pane.height - VIEW_PADDING.top - VIEW_PADDING.bottom,
  };
  const fit = Math.min(room.width / content.width, room.height / content.height);
  // Whole only while every title still reads: a workflow that misses fitting, even just, opens at the
  // readable size, and the steps past the edge are counted there (`MoreStepsNote`).
  const whole = fit >= READABLE_ZOOM;
  if (align === 'centre') {
    if (whole) return placeView(pane, content, content, Math.min(fit, 1));
    return placeView(pane, content, focus, READABLE_ZOOM);
  }
  if (whole) return fromCorner(pane, content, content, Math.min(fit, 1));
  const view = fromCorner(pane, content, focus, READABLE_ZOOM);
  // Zoomed in a little, the pane's right edge falls before the step it cut; not by much (it shows
  // less), never past life size, and not so far that lanes which fit down the pane stop fitting.
  const left = (VIEW_PADDING.left - view.x) / view.zoom;
  const right = left + (pane.width - VIEW_PADDING.left) / view.zoom;
  const end = gapBefore(boxes, right);
  if (end === right || end < focus.x + focus.width) return view;
  const zoom = (pane.width - VIEW_PADDING.left) / (end - left);
  const tallest = content.height * READABLE_ZOOM <= room.height ? room.height / content.height : 1;
  if (zoom <= Math.min(1, READABLE_ZOOM * MOST_ZOOM_IN, tallest))
    return fromCorner(pane, content, focus, zoom);
  // Else the drawing moves right until the edge falls between steps: a cut step is worse than a
  // little room before the start. Not by more than a share of the view, nor past the focus.
  const shift = right - end;
  return shift <= (right - left) * MOST_PAN ? { ...view, x: view.x + shift * view.zoom } : view;
}

/** How much larger than readable a view may be drawn to end between steps (it shows less so). */
const MOST_ZOOM_IN = 1.1;
/** How much of its width a view may move right to end between steps (room left before the start). */
const MOST_PAN = 0.25;
/** Room left between the pane's edge and the first step past the edge, in diagram units. */
const STEP_GAP = 8;

/**
 * Where a view whose right edge is at `right` (diagram x) should end instead so it cuts no box: at
 * the left of the boxes it would cut, and again of any box that cuts, until none does.
 */
function gapBefore(boxes: readonly Rect[], right: number): number {
  let edge = right;
  for (;;) {
    const cut = boxes.filter((b) => b.x < edge && b.x + b.width > edge);
    if (cut.length === 0) return edge;
    edge = Math.min(...cut.map((b) => b.x)) - STEP_GAP;
  }
}

/**
 * The drawing at `zoom` with its top-left corner at the pane's (after the left padding), or `focus` there
 * along an axis where the focus would be off screen otherwise; never showing empty room past the
 * drawing's end where it could fill the pane instead.
 */
function fromCorner(
  pane: { width: number; height: number },
  content: Rect,
  focus: Rect,
  zoom: number,
): { x: number; y: number; zoom: number } {
  const axis = (
    size: number,
    start: number,
    length: number,
    from: number,
    to: number,
    before: number,
    after: number,
  ) => {
    const room = (size - before - after) / zoom;
    if (length <= room) return before - start * zoom;
    // The drawing's start at the padding when the focus still shows so, else the focus.
    const anchor = to - start <= room ? start : from;
    return Math.max(before - anchor * zoom, size - after - (start + length) * zoom);
  };
  return {
    x: axis(
      pane.width,
      content.x,
      content.width,
      focus.x,
      focus.x + focus.width,
      VIEW_PADDING.left,
      VIEW_PADDING.right,
    ),
    // Lanes are bands across the pane: the first one starts at its top edge, with no room above.
    y: axis(pane.height, content.y, content.height, focus.y, focus.y + focus.height, 0, VIEW_PADDING.bottom),
    zoom,
  };
}

/** A lane as the opening view sees it: its top and height (diagram units), and the band its name needs on screen (px). */
export interface LaneStrip {
  y: number;
  height: number;
  need: number;
}

/**
 * The opening view zoomed in a little more when the pane's foot leaves a lane only a strip too thin
 * to name it whole ("Provider (MD…"): that lane then starts below the pane, where its steps are
 * counted, and every lane on screen shows its name. About the drawing's top-left corner, no more
 * than `readableView` zooms in to end between steps, and never past life size.
 */
export function clearLaneStrip(
  pane: { width: number; height: number },
  view: { x: number; y: number; zoom: number },
  lanes: readonly LaneStrip[],
): { x: number; y: number; zoom: number } {
  for (const lane of lanes) {
    const top = view.y + lane.y * view.zoom;
    const bottom = top + lane.height * view.zoom;
    if (top <= 0 || top >= pane.height || bottom <= pane.height || pane.height - top >= lane.need) continue;
    const k = pane.height / top;
    if (k > MOST_ZOOM_IN || view.zoom * k > 1) return view;
    return {
      x: VIEW_PADDING.left - (VIEW_PADDING.left - view.x) * k,
      y: view.y * k,
      zoom: view.zoom * k,
    };
  }
  return view;
}
