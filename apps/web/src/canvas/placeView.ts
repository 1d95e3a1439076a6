/** A rectangle in diagram coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept between the pane's edges and the drawing, px on screen. */
export const VIEW_PADDING = { left: 24, top: 28, right: 24, bottom: 24 } as const;

/** The smallest rectangle around the rectangles, or null when there are none. */
export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const minX = Math.min(...rects.map((r) => r.x));
  const minY = Math.min(...rects.map((r) => r.y));
  const maxX = Math.max(...rects.map((r) => r.x + r.width));
  const maxY = Math.max(...rects.map((r) => r.y + r.height));
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * Where to put the diagram in a pane at `zoom` so `target` is centred — except that no empty space
 * is shown before or after the drawing (`content`) where the drawing could fill the pane instead,
 * and a drawing smaller than the pane along an axis is centred along it.
 */
export function placeView(
  pane: { width: number; height: number },
  content: Rect,
  target: Rect,
  zoom: number,
): { x: number; y: number; zoom: number } {
  const axis = (
    size: number,
    start: number,
    length: number,
    centre: number,
    before: number,
    after: number,
  ) => {
    const drawn = length * zoom;
    if (drawn <= size - before - after) return (size - drawn) / 2 - start * zoom;
    const centred = size / 2 - centre * zoom;
    return Math.max(Math.min(centred, before - start * zoom), size - after - (start + length) * zoom);
  };
  return {
    x: axis(
      pane.width,
      content.x,
      content.width,
      target.x + target.width / 2,
      VIEW_PADDING.left,
      VIEW_PADDING.right,
    ),
    y: axis(
      pane.height,
      content.y,
      content.height,
      target.y + target.height / 2,
      VIEW_PADDING.top,
      VIEW_PADDING.bottom,
    ),
    zoom,
  };
}

/** Whether `target` is drawn wholly inside the pane with the viewport `view`. */
export function isOnScreen(
  pane: { width: number; height: number },
  view: { x: number; y: number; zoom: number },
  target: Rect,
): boolean {
  const left = target.x * view.zoom + view.x;
  const top = target.y * view.zoom + view.y;
  return (
    left >= 0 &&
    top >= 0 &&
    left + target.width * view.zoom <= pane.width &&
    top + target.height * view.zoom <= pane.height
  );
}

/**
 * The view moved just enough for `target` to be drawn wholly inside the pane (after the padding), at
 * the same zoom; the same view when it already is. A panel opening beside or below the diagram
 * narrows the pane and must not hide the step just chosen, nor jump the view about.
 */
export function nudgeOnScreen(
  pane: { width: number; height: number },
  view: { x: number; y: number; zoom: number },
  target: Rect,
): { x: number; y: number; zoom: number } {
  if (isOnScreen(pane, view, target)) return view;
  const axis = (
    offset: number,
    start: number,
    length: number,
    size: number,
    before: number,
    after: number,
  ) => {
    const from = start * view.zoom + offset;
    const to = from + length * view.zoom;
    if (from < 0) return offset + before - from;
    if (to > size) return offset + size - after - to;
    return offset;
  };
  return {
    x: axis(view.x, target.x, target.width, pane.width, VIEW_PADDING.left, VIEW_PADDING.right),
    y: axis(view.y, target.y, target.height, pane.height, VIEW_PADDING.top, VIEW_PADDING.bottom),
    zoom: view.zoom,
  };
}
