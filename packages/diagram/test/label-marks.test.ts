import { parseDefinition } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import { describe, expect, it } from 'vitest';
import {
  LABEL_BOX,
  LABEL_MARK,
  type LabelMark,
  labelSize,
  markWidth,
  nextScene,
  sceneOf,
  TEXT,
  textWidth,
} from '../src/index.ts';

const definition = parseDefinition(workflows.find((w) => w.id === 'prescription-refill')!.definition);

describe('marks in arrow labels (a problem, a comparison)', () => {
  it('widen the label by the icon and each word, a gap apart, and leave its lines as they were', () => {
    const mark: LabelMark = { icon: true, words: ['error', 'changed'] };
    const plain = labelSize('Need more information');
    const marked = labelSize('Need more information', mark);
    expect(marked.lines).toEqual(plain.lines);
    expect(marked.width).toBe(plain.width + markWidth(mark));
    expect(markWidth(mark)).toBeGreaterThan(LABEL_MARK.icon + 3 * LABEL_MARK.gap);
    expect(markWidth({ words: ['changed'] })).toBeLessThan(markWidth({ icon: true, words: ['changed'] }));
    expect(markWidth(undefined)).toBe(0);
  });

  it('give the marked labels boxes that wide; marking and unmarking after a scene equals starting over', () => {
    const plain = sceneOf(definition);
    const edge = plain.edges.find((e) => e.caption && e.text)!;
    const marks = new Map<string, LabelMark>([[edge.id, { icon: true, words: ['warning', 'added'] }]]);
    const marked = sceneOf(definition, undefined, marks);
    const caption = marked.edges.find((e) => e.id === edge.id)!.caption!;
    // Room for its widest line in bold, the marks beside it, the padding and the border.
    const font = { size: TEXT.edgeLabel.size, weight: LABEL_BOX.weight };
    const need =
      Math.max(...caption.lines.map((line) => textWidth(line, font))) +
      markWidth(marks.get(edge.id)) +
      2 * (LABEL_BOX.paddingX + LABEL_BOX.border);
    expect(caption.width).toBeGreaterThanOrEqual(need);
    const strip = (s: typeof plain) => ({ ...s, boxes: [...s.boxes.values()], layout: undefined });
    expect(strip(nextScene(plain, definition, undefined, marks))).toEqual(strip(marked));
    expect(strip(nextScene(marked, definition))).toEqual(strip(plain));
  });
});
