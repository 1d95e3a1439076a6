import { describe, expect, it } from 'vitest';
import { stepsBeyond, viewTowards } from '../src/canvas/stepsBeyond.ts';

const box = (x: number, y = 40) => ({ x, y, width: 196, height: 56 });
// Eight steps, one column each, as a workflow that hands over from lane to lane is laid out.
const eight = [208, 536, 864, 1192, 1520, 1828, 2136, 2464].map((x, i) => box(x, 28 + i * 120));
const content = { x: 208, y: 0, width: 2452, height: 1000 };
const pane = { width: 840, height: 560 };

describe('the steps beyond the edges of the diagram’s pane', () => {
  it('counts those past the right edge, those cut by it among them', () => {
    const view = { x: 24 - 208 * 0.85, y: 0, zoom: 0.85 };
    // Step boxes end at 42, 321 and 600 px on screen; the fourth (878) is cut by the 840-px edge.
    expect(stepsBeyond(pane, view, eight)).toEqual({ left: 0, right: 5, above: 0, below: 0 });
  });

  it('counts those below when the lanes run past the bottom', () => {
    const view = { x: 0, y: 0, zoom: 1 };
    expect(stepsBeyond({ width: 3000, height: 560 }, view, eight)).toEqual({
      left: 0,
      right: 0,
      above: 0,
      below: 4,
    });
  });

  it('says nothing when every step is on screen', () => {
    expect(stepsBeyond({ width: 3000, height: 1200 }, { x: 0, y: 0, zoom: 1 }, eight)).toEqual({
      left: 0,
      right: 0,
      above: 0,
      below: 0,
    });
  });

  it('moves the view most of a pane towards a side, never past the drawing’s end', () => {
    const view = { x: -150, y: 0, zoom: 0.85 };
    expect(viewTowards(pane, view, content, 'right').x).toBe(-150 - 840 * 0.75);
    const far = viewTowards(pane, { ...view, x: -1400 }, content, 'right');
    // The drawing's right end stays at the pane's right, after its padding.
    expect((content.x + content.width) * 0.85 + far.x).toBeCloseTo(840 - 24);
    const back = viewTowards(pane, { ...view, x: -300 }, content, 'left');
    expect(content.x * 0.85 + back.x).toBeCloseTo(24);
  });
});
