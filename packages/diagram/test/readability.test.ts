import { describe, expect, it } from 'vitest';
import { type Drawing, readability } from '../src/index.ts';

const base = (): Drawing => ({
  headerWidth: 168,
  lanes: [{ role: 'a', x: 0, y: 0, width: 1000, height: 200 }],
  boxes: [
    { id: 'one', lane: 'a', x: 200, y: 20, width: 100, height: 50 },
    { id: 'two', lane: 'a', x: 400, y: 20, width: 100, height: 50 },
  ],
  edges: [
    {
      id: 'e',
      from: 'one',
      to: 'two',
      loop: false,
      points: [
        { x: 300, y: 45 },
        { x: 400, y: 45 },
      ],
    },
  ],
  labels: [{ id: 'e', x: 310, y: 38, width: 40, height: 14 }],
  texts: [{ text: 'Short', size: 13, weight: 600, fit: 80, x: 210, y: 40 }],
});

describe('the readability check', () => {
  it('finds nothing wrong in a clean drawing', () => {
    expect(Object.values(readability(base())).every((n) => n === 0)).toBe(true);
  });

  it('counts each kind of problem', () => {
    const d = base();
    d.boxes.push({ id: 'three', lane: 'a', x: 450, y: 40, width: 100, height: 50 }); // overlaps two
    d.boxes.push({ id: 'under', lane: 'a', x: 100, y: 120, width: 50, height: 30 }); // under the header
    d.boxes.push({ id: 'out', lane: 'a', x: 700, y: 180, width: 50, height: 60 }); // leaves its lane
    d.edges.push({
      id: 'through',
      from: 'one',
      to: 'out',
      loop: false,
      points: [
        { x: 300, y: 60 },
        { x: 800, y: 60 },
      ],
    });
    d.edges.push({
      id: 'back',
      from: 'two',
      to: 'one',
      loop: false,
      points: [
        { x: 500, y: 30 },
        { x: 200, y: 30 },
      ],
    });
    d.labels.push({ id: 'x', x: 320, y: 40, width: 40, height: 14 }); // on the first label
    d.labels.push({ id: 'y', x: 210, y: 30, width: 20, height: 10 }); // on box one
    d.labels.push({ id: 'through', x: 600, y: 53, width: 40, height: 14 }); // on its own arrow: fine
    d.labels.push({ id: 'z', x: 362, y: 22, width: 28, height: 12 }); // the arrow "back" runs through it
    d.texts.push({ text: 'A title far too long for its box', size: 13, weight: 600, fit: 60, x: 0, y: 0 });
    d.texts.push({ text: 'Cut…', size: 13, weight: 600, fit: 200, x: 0, y: 0 });
    d.texts.push({ text: 'tiny', size: 6, weight: 400, fit: 200, x: 0, y: 0 });
    const r = readability(d);
    expect(r.boxOverlaps).toBeGreaterThan(0);
    expect(r.underHeader).toBe(1);
    expect(r.outsideLane).toBe(1);
    expect(r.edgesThroughBoxes).toBeGreaterThanOrEqual(1);
    expect(r.backwardArrows).toBe(1);
    expect(r.labelOverlaps).toBe(1);
    expect(r.labelOnBox).toBe(1);
    expect(r.labelOnArrow).toBe(2); // x on the arrow e, z on the arrow back
    expect(r.cutText).toBe(2);
    expect(r.tinyText).toBe(1);
  });

  it('allows an arrow pointing left when it closes a loop', () => {
    const d = base();
    d.edges.push({
      id: 'loop',
      from: 'two',
      to: 'one',
      loop: true,
      points: [
        { x: 500, y: 30 },
        { x: 200, y: 30 },
      ],
    });
    expect(readability(d).backwardArrows).toBe(0);
  });
});
