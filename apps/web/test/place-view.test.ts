import { describe, expect, it } from 'vitest';
import { boundsOf, isOnScreen, nudgeOnScreen, placeView, VIEW_PADDING } from '../src/canvas/placeView.ts';

const pane = { width: 800, height: 400 };

describe('placeView', () => {
  it('centres a drawing smaller than the pane', () => {
    const content = { x: 0, y: 0, width: 400, height: 200 };
    expect(placeView(pane, content, content, 1)).toEqual({ x: 200, y: 100, zoom: 1 });
  });

  it('centres the target of a large drawing without showing space before the drawing', () => {
    const content = { x: 0, y: 0, width: 4000, height: 2000 };
    // The first step, top left: the view starts at the drawing's corner, not with the step mid-pane.
    const first = { x: 20, y: 20, width: 160, height: 60 };
    expect(placeView(pane, content, first, 1)).toEqual({
      x: VIEW_PADDING.left,
      y: VIEW_PADDING.top,
      zoom: 1,
    });
    // A step in the middle is centred.
    const middle = { x: 1920, y: 970, width: 160, height: 60 };
    const view = placeView(pane, content, middle, 1);
    expect(view).toEqual({ x: 400 - 2000, y: 200 - 1000, zoom: 1 });
    expect(isOnScreen(pane, view, middle)).toBe(true);
    // The last step, bottom right: no space after the drawing's end.
    const last = { x: 3820, y: 1920, width: 160, height: 60 };
    expect(placeView(pane, content, last, 1)).toEqual({
      x: 800 - VIEW_PADDING.right - 4000,
      y: 400 - VIEW_PADDING.bottom - 2000,
      zoom: 1,
    });
  });

  it('tells whether a box is on screen', () => {
    const box = { x: 1000, y: 10, width: 100, height: 50 };
    expect(isOnScreen(pane, { x: 0, y: 0, zoom: 1 }, box)).toBe(false);
    expect(isOnScreen(pane, { x: -500, y: 0, zoom: 1 }, box)).toBe(true);
    expect(boundsOf([])).toBeNull();
    expect(boundsOf([box, { x: 0, y: 0, width: 10, height: 10 }])).toEqual({
      x: 0,
      y: 0,
      width: 1100,
      height: 60,
    });
  });
});

describe('nudgeOnScreen', () => {
  it('leaves a view alone when the target is on screen', () => {
    const view = { x: -100, y: 0, zoom: 1 };
    expect(nudgeOnScreen(pane, view, { x: 200, y: 50, width: 160, height: 60 })).toBe(view);
  });

  it('moves the view just enough to bring a target cut by the pane’s edge back on screen', () => {
    // A panel opened beside the pane narrowed it to 800 px: the step at 700 to 860 is cut.
    const view = { x: 0, y: 0, zoom: 1 };
    const cut = { x: 700, y: 50, width: 160, height: 60 };
    const moved = nudgeOnScreen(pane, view, cut);
    expect(moved).toEqual({ x: 800 - VIEW_PADDING.right - 860, y: 0, zoom: 1 });
    expect(isOnScreen(pane, moved, cut)).toBe(true);
    // Under a panel below (a tablet), down the pane.
    const low = { x: 100, y: 380, width: 160, height: 60 };
    expect(nudgeOnScreen(pane, view, low)).toEqual({ x: 0, y: 400 - VIEW_PADDING.bottom - 440, zoom: 1 });
    // Left of the pane: to its left edge.
    const left = { x: -50, y: 50, width: 160, height: 60 };
    expect(nudgeOnScreen(pane, view, left).x).toBe(VIEW_PADDING.left + 50);
  });
});
