import { describe, expect, it } from 'vitest';
import { shownPart } from '../src/canvas/LaneBands.tsx';

describe('lane labels', () => {
  it('sit on the part of a lane that is on screen', () => {
    // A tall lane from 400 to 1,400 in a 640 px canvas: its label fills 400–640, not its middle (900).
    expect(shownPart(400, 1000, 640)).toEqual({ top: 400, height: 240 });
    // Scrolled so the lane began above the canvas: the label starts at the canvas top.
    expect(shownPart(-300, 500, 640)).toEqual({ top: 0, height: 200 });
    // A lane that fits is unchanged.
    expect(shownPart(100, 200, 640)).toEqual({ top: 100, height: 200 });
  });

  it('leave a lane wholly off screen, or an unmeasured canvas, where it is', () => {
    expect(shownPart(700, 100, 640)).toEqual({ top: 700, height: 100 });
    expect(shownPart(-200, 100, 640)).toEqual({ top: -200, height: 100 });
    expect(shownPart(400, 1000, 0)).toEqual({ top: 400, height: 1000 });
  });
});
