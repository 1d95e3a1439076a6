import { describe, expect, it } from 'vitest';
import type { Rect } from '../src/canvas/placeView.ts';
import { READABLE_ZOOM } from '../src/canvas/readableView.ts';
import { keepStepsWhole, replayView, stepView } from '../src/canvas/replayView.ts';

const pane = { width: 600, height: 400 };
const box = (x: number, y: number): Rect => ({ x, y, width: 160, height: 80 });
/** Where a box is drawn across the pane at a view. */
const across = (b: Rect, view: { x: number; zoom: number }) => ({
  left: b.x * view.zoom + view.x,
  right: (b.x + b.width) * view.zoom + view.x,
});

describe('replayView', () => {
  it('shows the whole path taken when it fits at a readable size', () => {
    // A long workflow (it does not fit), its path only the first two steps.
    const steps = Array.from({ length: 12 }, (_, i) => box(i * 220, 0));
    const content = { x: 0, y: 0, width: 12 * 220, height: 400 };
    const view = replayView(pane, content, steps, {
      path: steps.slice(0, 2),
      open: [steps[1]!],
      latest: steps[1]!,
      before: steps[0]!,
    });
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    for (const b of steps.slice(0, 2)) {
      expect(across(b, view).left).toBeGreaterThanOrEqual(0);
      expect(across(b, view).right).toBeLessThanOrEqual(pane.width);
    }
  });

  it('shows the step reached last, readable, when the steps open now are too far apart', () => {
    const far = [box(0, 0), box(2400, 1200)];
    const content = { x: 0, y: 0, width: 2560, height: 1280 };
    const view = replayView(pane, content, far, { path: far, open: far, latest: far[1]!, before: far[0]! });
    expect(view.zoom).toBe(READABLE_ZOOM);
    const last = across(far[1]!, view);
    expect(last.left).toBeGreaterThanOrEqual(0);
    expect(last.right).toBeLessThanOrEqual(pane.width);
  });
});

describe('keepStepsWhole', () => {
  it('never leaves a step cut by the side of the pane where the lane names are', () => {
    const keep = box(400, 0);
    const cut = box(0, 0);
    // The first step runs from -60 to 100 on screen: cut by the left edge.
    const view = keepStepsWhole(pane, { x: -60, y: 0, zoom: 1 }, [cut, keep], keep);
    const shown = across(cut, view);
    expect(shown.left >= 0 || shown.right <= 0).toBe(true);
    const kept = across(keep, view);
    expect(kept.left).toBeGreaterThanOrEqual(0);
    expect(kept.right).toBeLessThanOrEqual(pane.width);
  });

  it('leaves no arrow label half under the lane names, nor drawn against them, nor cut at the right', () => {
    const keep = box(300, 0);
    const label = (x: number): Rect => ({ x, y: 40, width: 90, height: 14 });
    // A label from -30 to 60 on screen (cut by the left edge), one starting 1 px inside it, one ending
    // right at it (its border shows), and one cut by the right edge (560 to 650).
    for (const [x, other] of [
      [-30, label(2000)],
      [1, label(2000)],
      [-90, label(2000)],
      [2000, label(560)],
    ] as const) {
      const drawn = [label(x), other, keep];
      const view = keepStepsWhole(pane, { x: 0, y: 0, zoom: 1 }, drawn, keep);
      for (const b of drawn) {
        const shown = across(b, view);
        const off = shown.right < -1 || shown.left > pane.width + 1;
        expect(off || (shown.left >= 4 && shown.right <= pane.width)).toBe(true);
      }
      expect(across(keep, view).left).toBeGreaterThanOrEqual(0);
      expect(across(keep, view).right).toBeLessThanOrEqual(pane.width);
    }
  });

  it('moves a view a note asked for with nothing to keep: whatever is cut is shown or hidden', () => {
    const steps = [box(0, 0), box(300, 0), box(600, 0)];
    // The third step runs from 580 to 740 across a 600 px pane.
    const view = keepStepsWhole(pane, { x: -20, y: 0, zoom: 1 }, steps);
    for (const b of steps) {
      const shown = across(b, view);
      expect(shown.right <= 0 || shown.left >= pane.width || (shown.left >= 4 && shown.right <= 600)).toBe(
        true,
      );
    }
  });
});

describe('the zoom controls in the bottom-right corner', () => {
  it('are kept clear of a label: one under them counts as cut and is moved out from under them', () => {
    // An arrow label low in the pane, ending 20 px short of its right edge: under the zoom controls.
    const label: Rect = { x: 480, y: 340, width: 100, height: 20 };
    const high: Rect = { x: 480, y: 40, width: 100, height: 20 };
    const view = keepStepsWhole(pane, { x: 0, y: 0, zoom: 1 }, [label, high]);
    const shown = across(label, view);
    expect(shown.right <= pane.width - 48 || shown.left >= pane.width).toBe(true);
    // Higher up the same place is clear: nothing moves for it alone.
    expect(keepStepsWhole(pane, { x: 0, y: 0, zoom: 1 }, [high])).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});

describe('stepView', () => {
  it('brings an open step off screen into view, at a readable size when people had zoomed out', () => {
    const steps = [box(0, 0), box(2400, 1200)];
    const content = { x: 0, y: 0, width: 2560, height: 1280 };
    const view = stepView(pane, content, steps, { x: 0, y: 0, zoom: 0.2 }, steps[1]!);
    expect(view.zoom).toBe(READABLE_ZOOM);
    const shown = across(steps[1]!, view);
    expect(shown.left).toBeGreaterThanOrEqual(0);
    expect(shown.right).toBeLessThanOrEqual(pane.width);
    const top = steps[1]!.y * view.zoom + view.y;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top + steps[1]!.height * view.zoom).toBeLessThanOrEqual(pane.height);
  });
});
