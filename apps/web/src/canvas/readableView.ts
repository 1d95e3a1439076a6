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
 * except where the clamped view goes: fitView centres the drawing's middle, which on a workflow says
 * nothing on its own, so a large drawing is shown from `focus` instead — from its left edge
 * (`'start'`: a workflow read from its start, with anything drawn before it when that fits too), or
 * centred on it (`'centre'`: the steps open now in a replay).
 */
export function readableView(
  pane: { width: number; height: number },
  content: Rect,
  focus: Rect,
  align: 'start' | 'centre',
): { x: number; y: number; zoom: number } {
  const room = {
    width: pane.width - VIEW_PADDING.left - VIEW_PADDING.right,
    height: pane.height - VIEW_PADDING.top - VIEW_PADDING.bottom,
  };
  const fit = Math.min(room.width / content.width, room.height / content.height);
  if (fit >= READABLE_ZOOM) return placeView(pane, content, content, Math.min(fit, 1));
  const zoom = READABLE_ZOOM;
  if (align === 'centre') return placeView(pane, content, focus, zoom);
  // The drawing's left edge at the pane's left when the focus is still on screen so, else the focus.
  const left = focus.x + focus.width - content.x <= room.width / zoom ? content.x : focus.x;
  // placeView centres its target: one half a pane right of `left` puts `left` at the padding.
  const target = {
    x: left + (pane.width / 2 - VIEW_PADDING.left) / zoom,
    y: focus.y + focus.height / 2,
    width: 0,
    height: 0,
  };
  return placeView(pane, content, target, zoom);
}
