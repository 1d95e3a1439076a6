import { describe, expect, it } from 'vitest';
import { VIEW_PADDING } from '../src/canvas/placeView.ts';
import { clearLaneStrip, contentOf, READABLE_ZOOM, readableView } from '../src/canvas/readableView.ts';

const pane = { width: 500, height: 600 };

describe('readableView', () => {
  it('shows all of a drawing that reads at its fitting size, never larger than life, from the top-left', () => {
    const small = { x: 0, y: 0, width: 200, height: 100 };
    // At the pane's top-left corner (the first lane at its top, the boxes after the left padding),
    // not centred with empty room above it.
    expect(readableView(pane, small, small, 'start')).toEqual({ x: VIEW_PADDING.left, y: 0, zoom: 1 });
    // Wider than the pane, but readable once fitted: fitted.
    const wide = { x: 0, y: 0, width: 500, height: 100 };
    const view = readableView(pane, wide, wide, 'start');
    expect(view.zoom).toBeCloseTo((500 - VIEW_PADDING.left - VIEW_PADDING.right) / 500);
    expect(view.x).toBeCloseTo(VIEW_PADDING.left);
  });

  it('keeps titles readable when a workflow only just misses fitting: the steps past the edge are counted there instead', () => {
    const room = pane.width - VIEW_PADDING.left - VIEW_PADDING.right;
    // At the readable size it is 5% wider than the room: shrunk to fit, its titles would be 10.5 px.
    const almost = { x: 0, y: 0, width: (room / READABLE_ZOOM) * 1.05, height: 100 };
    const view = readableView(pane, almost, { x: 0, y: 0, width: 160, height: 60 }, 'start');
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.x).toBeCloseTo(VIEW_PADDING.left);
    // Just fitting at the readable size: whole.
    const just = { x: 0, y: 0, width: room / READABLE_ZOOM, height: 100 };
    expect(readableView(pane, just, just, 'start').zoom).toBeCloseTo(READABLE_ZOOM);
    expect(readableView(pane, just, just, 'centre').zoom).toBeCloseTo(READABLE_ZOOM);
  });

  it('stops at the readable size for a long workflow, showing it from its start', () => {
    const long = { x: 0, y: 0, width: 3500, height: 600 };
    const start = { x: 0, y: 40, width: 196, height: 86 };
    const view = readableView(pane, long, start, 'start');
    expect(view.zoom).toBe(READABLE_ZOOM);
    // The start at the left, after the padding (not centred, not the drawing's middle).
    expect(view.x).toBeCloseTo(VIEW_PADDING.left);
    // The lanes fit down the pane at that size: the first lane at the top, not centred.
    expect(view.y).toBeCloseTo(0);
  });

  it('ends a long workflow’s first view between steps, not through one, a little larger than readable', () => {
    const long = { x: 0, y: 0, width: 3500, height: 500 };
    const column = (x: number) => ({ x, y: 40, width: 160, height: 60 });
    const boxes = [0, 265, 530, 795].map(column);
    // At the readable size the pane's right edge falls through the third box (530 to 690).
    const right = (view: { x: number; zoom: number }) => (pane.width - view.x) / view.zoom;
    expect(right(readableView(pane, long, boxes[0]!, 'start'))).toBeGreaterThan(530);
    const view = readableView(pane, long, boxes[0]!, 'start', boxes);
    expect(view.zoom).toBeGreaterThan(READABLE_ZOOM);
    expect(view.x).toBeCloseTo(VIEW_PADDING.left);
    expect(right(view)).toBeLessThanOrEqual(530);
    expect(right(view)).toBeGreaterThan(480);
  });

  it('keeps the readable size when ending between steps would take much of the view', () => {
    const long = { x: 0, y: 0, width: 3500, height: 500 };
    // One box across the whole right of the pane: only zoom 2 would leave it out.
    const boxes = [
      { x: 0, y: 40, width: 160, height: 60 },
      { x: 200, y: 40, width: 2000, height: 60 },
    ];
    expect(readableView(pane, long, boxes[0]!, 'start', boxes).zoom).toBe(READABLE_ZOOM);
    // The third box cut at 500 to 660: leaving it out would need titles 14 % larger.
    const wider = [0, 250, 500].map((x) => ({ x, y: 40, width: 160, height: 60 }));
    expect(readableView(pane, long, wider[0]!, 'start', wider).zoom).toBe(READABLE_ZOOM);
  });

  it('moves the view a little to the right rather than cut a step, when zooming in would take too much', () => {
    const long = { x: 0, y: 0, width: 3500, height: 500 };
    // At the readable size the edge cuts the third box (500 to 660); ending before it by zooming in
    // would need titles 14 % larger: the drawing moves right instead, a little room before the start.
    const boxes = [0, 250, 500].map((x) => ({ x, y: 40, width: 160, height: 60 }));
    const view = readableView(pane, long, boxes[0]!, 'start', boxes);
    const right = (pane.width - view.x) / view.zoom;
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(right).toBeLessThanOrEqual(500);
    expect(right).toBeGreaterThan(480);
    expect(view.x).toBeGreaterThan(VIEW_PADDING.left);
    expect(view.x).toBeLessThan(VIEW_PADDING.left + 80);
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

  it('leaves no lane a strip too thin for its name at the pane’s foot: zoomed in a little, it starts below', () => {
    const view = { x: VIEW_PADDING.left, y: 0, zoom: READABLE_ZOOM };
    // Three lanes of 300; the third starts 580 px down a 600 px pane: 20 px of it, its name needs 30.
    const top = 580 / READABLE_ZOOM;
    const lanes = [
      { y: 0, height: top / 2, need: 30 },
      { y: top / 2, height: top / 2, need: 30 },
      { y: top, height: 300, need: 30 },
    ];
    const cleared = clearLaneStrip(pane, view, lanes);
    expect(cleared.zoom).toBeGreaterThan(READABLE_ZOOM);
    expect(cleared.zoom).toBeLessThanOrEqual(READABLE_ZOOM * 1.1);
    expect(cleared.y + top * cleared.zoom).toBeCloseTo(pane.height);
    // The drawing's start stays where it was, after the left padding.
    expect(cleared.x).toBeCloseTo(VIEW_PADDING.left);
    // A strip wide enough for the name, or one that would need much more zoom, stays as it is.
    expect(
      clearLaneStrip(
        pane,
        view,
        lanes.map((l) => ({ ...l, need: 12 })),
      ),
    ).toBe(view);
    const far = [{ y: 300 / READABLE_ZOOM, height: 600, need: 30 }];
    expect(clearLaneStrip(pane, view, [{ y: 0, height: 300 / READABLE_ZOOM, need: 30 }, ...far])).toBe(view);
  });
});
