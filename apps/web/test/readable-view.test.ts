import { describe, expect, it } from 'vitest';
import { VIEW_PADDING } from '../src/canvas/placeView.ts';
import { contentOf, READABLE_ZOOM, readableView } from '../src/canvas/readableView.ts';

const pane = { width: 500, height: 600 };

describe('readableView', () => {
  it('shows all of a drawing that reads at its fitting size, never larger than life', () => {
    const small = { x: 0, y: 0, width: 200, height: 100 };
    expect(readableView(pane, small, small, 'start')).toEqual({ x: 150, y: 250, zoom: 1 });
    // Wider than the pane, but readable once fitted: fitted.
    const wide = { x: 0, y: 0, width: 500, height: 100 };
    const view = readableView(pane, wide, wide, 'start');
    expect(view.zoom).toBeCloseTo((500 - VIEW_PADDING.left - VIEW_PADDING.right) / 500);
    expect(view.x).toBeCloseTo(VIEW_PADDING.left);
  });

  it('stops at the readable size for a long workflow, showing it from its start', () => {
    const long = { x: 0, y: 0, width: 3500, height: 600 };
    const start = { x: 0, y: 40, width: 196, height: 86 };
    const view = readableView(pane, long, start, 'start');
    expect(view.zoom).toBe(READABLE_ZOOM);
    // The start at the left, after the padding (not centred, not the drawing's middle).
    expect(view.x).toBeCloseTo(VIEW_PADDING.left);
    // The lanes fit down the pane at that size: centred along it.
    expect(view.y).toBeCloseTo((600 - 600 * READABLE_ZOOM) / 2);
  });

  it('keeps a start drawn right of other boxes on screen, and what lies left of it when that fits too', () => {
    const long = { x: 0, y: 0, width: 3500, height: 600 };
    const near = { x: 150, y: 40, width: 196, height: 86 };
    expect(readableView(pane, long, near, 'start').x).toBeCloseTo(VIEW_PADDING.left);
    const far = { x: 1500, y: 40, width: 196, height: 86 };
    expect(readableView(pane, long, far, 'start').x).toBeCloseTo(VIEW_PADDING.left - 1500 * READABLE_ZOOM);
  });

  it('centres the steps in focus of a long replay at the readable size', () => {
    const long = { x: 0, y: 0, width: 3500, height: 600 };
    const open = { x: 1700, y: 40, width: 100, height: 86 };
    const view = readableView(pane, long, open, 'centre');
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.x + 1750 * READABLE_ZOOM).toBeCloseTo(250);
  });

  it('frames every lane, an empty one too, with the boxes', () => {
    const scene = {
      boxes: new Map([['a', { x: 10, y: 50, width: 100, height: 40 }]]),
      lanes: [
        { y: 0, height: 120 },
        { y: 120, height: 120 },
      ],
    };
    expect(contentOf(scene as never)).toEqual({ x: 10, y: 0, width: 100, height: 240 });
  });
});
