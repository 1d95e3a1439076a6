import { parseDefinition, stepTitle } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import { describe, expect, it } from 'vitest';
import {
  autoLayout,
  captionOf,
  drawingOfScene,
  drawingOfSvg,
  emptyLayout,
  readability,
  readabilityTotal,
  sceneOf,
  sceneSvg,
} from '../src/index.ts';

const examples = workflows.map((w) => parseDefinition(w.definition));

/** A strict-enough XML check without a parser dependency: tags nest and close, entities are known. */
function wellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const between = xml.slice(last, m.index);
    expect(between, 'no stray < or bad & between tags').not.toMatch(/<|&(?!(amp|lt|gt|quot|#\d+);)/);
    last = m.index + m[0].length;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(xml.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

describe('every bundled workflow', () => {
  for (const definition of examples) {
    describe(definition.id, () => {
      const scene = sceneOf(definition);
      const svg = sceneSvg(scene);

      it('reads cleanly: no overlaps, no arrow through a box, nothing cut, nothing tiny, no stray backward arrow', () => {
        expect(readability(drawingOfScene(scene))).toEqual({
          boxOverlaps: 0,
          labelOverlaps: 0,
          labelOnBox: 0,
          labelOnArrow: 0,
          edgesThroughBoxes: 0,
          cutText: 0,
          tinyText: 0,
          backwardArrows: 0,
          outsideLane: 0,
          underHeader: 0,
        });
      });

      it('draws in the SVG exactly what the scene holds, element by element', () => {
        const fromSvg = drawingOfSvg(svg);
        const fromScene = drawingOfScene(scene);
        expect(fromSvg.boxes).toEqual(fromScene.boxes);
        expect(fromSvg.edges).toEqual(fromScene.edges);
        expect(fromSvg.labels).toEqual(fromScene.labels);
        expect(fromSvg.lanes).toEqual(fromScene.lanes);
        expect(fromSvg.texts).toEqual(fromScene.texts);
        expect(readabilityTotal(readability(fromSvg))).toBe(0);
      });

      it('shows every step title and every arrow label in full (wrapped, never cut)', () => {
        const strip = (t: string) => t.replace(/[\s-]/g, '');
        for (const box of scene.boxes.values()) {
          expect(strip(box.title.lines.join(''))).toBe(strip(stepTitle(definition, box.id)));
        }
        for (const e of scene.edges) {
          const caption = captionOf(e, definition);
          expect(e.text).toBe(caption);
          if (caption) expect(strip(e.caption?.lines.join('') ?? '')).toBe(strip(caption));
        }
        expect(svg).not.toContain('…');
      });

      it('keeps every step inside its own lane and right of the lane headers', () => {
        for (const box of scene.boxes.values()) {
          const lane = scene.lanes.find((l) => l.role === box.lane)!;
          expect(box.y).toBeGreaterThanOrEqual(lane.y);
          expect(box.y + box.height).toBeLessThanOrEqual(lane.y + lane.height);
          expect(box.x).toBeGreaterThan(168);
          const step = definition.steps[box.id]!;
          if (step.type === 'task') expect(box.lane).toBe(step.role);
        }
      });

      it('is well-formed SVG naming every step and lane', () => {
        wellFormed(svg);
        for (const id of Object.keys(definition.steps)) expect(svg).toContain(`data-step="${id}"`);
        for (const role of definition.roles) expect(svg).toContain(`data-lane-band="${role.id}"`);
      });

      it('lays out the same way every time', () => {
        expect(autoLayout(definition, emptyLayout())).toEqual(autoLayout(definition, emptyLayout()));
        expect(sceneSvg(sceneOf(definition))).toBe(svg);
      });
    });
  }
});
