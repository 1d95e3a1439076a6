import { type Rect, VIEW_PADDING } from './placeView.ts';

type Pane = { width: number; height: number };
type View = { x: number; y: number; zoom: number };

/** A side of the pane that steps can lie beyond. */
export type Side = 'left' | 'right' | 'above' | 'below';

/**
 * How many steps are not wholly on screen, by the side they lie beyond (one side each: across
 * first, since a workflow runs left to right). A step cut by the pane's edge counts as beyond it.
 */
export function stepsBeyond(pane: Pane, view: View, boxes: readonly Rect[]): Record<Side, number> {
  const out = { left: 0, right: 0, above: 0, below: 0 };
  for (const b of boxes) {
    const left = b.x * view.zoom + view.x;
    const top = b.y * view.zoom + view.y;
    if (left + b.width * view.zoom > pane.width + 0.5) out.right++;
    else if (left < -0.5) out.left++;
    else if (top + b.height * view.zoom > pane.height + 0.5) out.below++;
    else if (top < -0.5) out.above++;
  }
  return out;
}

/** How much of the pane a step towards one side moves the view: the rest stays, to keep one's place. */
const STRIDE = 0.75;

/**
 * The view moved towards `side` by most of the pane, at the same zoom, stopping where the drawing
 * (`content`) ends rather than showing empty room past it.
 */
export function viewTowards(pane: Pane, view: View, content: Rect, side: Side): View {
  const { zoom } = view;
  switch (side) {
    case 'right': {
      const end = pane.width - VIEW_PADDING.right - (content.x + content.width) * zoom;
      return { ...view, x: Math.min(view.x, Math.max(view.x - pane.width * STRIDE, end)) };
    }
    case 'left': {
      const start = VIEW_PADDING.left - content.x * zoom;
      return { ...view, x: Math.max(view.x, Math.min(view.x + pane.width * STRIDE, start)) };
    }
    case 'below': {
      const end = pane.height - VIEW_PADDING.bottom - (content.y + content.height) * zoom;
      return { ...view, y: Math.min(view.y, Math.max(view.y - pane.height * STRIDE, end)) };
    }
    case 'above': {
      const start = -content.y * zoom;
      return { ...view, y: Math.max(view.y, Math.min(view.y + pane.height * STRIDE, start)) };
    }
  }
}
