import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Definition, parseDefinition } from '@portalflow/engine';
import { examplesDir, workflows } from '@portalflow/examples';
import { describe, expect, it } from 'vitest';
import { fromBpmn } from '../../bpmn/src/index.ts';
import {
  EDGE_LINE,
  LABEL_BOX,
  LANE,
  type Point,
  type Rect,
  type Scene,
  sceneOf,
  TEXT,
  textWidth,
} from '../src/index.ts';
import { largeDefinition } from './support/large.ts';

/**
 * Every arrow label of every bundled workflow (the ones the demo publishes, and the later versions
 * bundled beside them), of every BPMN sample file (imported, at the layout its diagram gives) and of
 * a generated 1,000-step workflow (laid out automatically), as the editor, the audit replay and exports draw it: its box is on no other
 * arrow's line (a highlighted one drawn at its full width), on no other label and on no step, lies
 * inside the drawing right of the lane names, and holds its text whole in the label's font, bold
 * (as a highlighted label is drawn) with the label's padding and border.
 */
const versions = readdirSync(join(examplesDir, 'versions'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    name: f.slice(0, -'.json'.length),
    definition: readFileSync(join(examplesDir, 'versions', f), 'utf8'),
  }));

const bpmnDir = join(import.meta.dirname, '../../bpmn/test/fixtures');
const bpmnSamples = readdirSync(bpmnDir)
  .filter((f) => f.endsWith('.bpmn'))
  .sort()
  .map((f) => ({ name: f, ...fromBpmn(readFileSync(join(bpmnDir, f), 'utf8')) }));

const bundled: Array<{ name: string; definition: Definition; layout?: unknown }> = [
  ...workflows.map((w) => ({ name: w.id, definition: parseDefinition(w.definition) })),
  ...versions.map((v) => ({ name: v.name, definition: parseDefinition(JSON.parse(v.definition)) })),
  ...bpmnSamples.map((b) => ({ name: b.name, definition: b.definition, layout: b.layout })),
];

/** The gap between an axis-parallel segment and a rectangle (0 when they touch or cross). */
function gap(a: Point, b: Point, r: Rect): number {
  const dx = Math.max(0, r.x - Math.max(a.x, b.x), Math.min(a.x, b.x) - (r.x + r.width));
  const dy = Math.max(0, r.y - Math.max(a.y, b.y), Math.min(a.y, b.y) - (r.y + r.height));
  return Math.hypot(dx, dy);
}

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const LINE_REACH = EDGE_LINE.raised / 2;
const FONT = { size: TEXT.edgeLabel.size, weight: LABEL_BOX.weight };
const AROUND_X = 2 * (LABEL_BOX.paddingX + LABEL_BOX.border);
const AROUND_Y = 2 * (LABEL_BOX.paddingY + LABEL_BOX.border);

interface Found {
  onArrow: string[];
  onLabel: string[];
  onStep: string[];
  outside: string[];
  cut: string[];
}

function labelProblems(scene: Scene): Found {
  const found: Found = { onArrow: [], onLabel: [], onStep: [], outside: [], cut: [] };
  const labelled = scene.edges.filter((e) => e.caption);
  labelled.forEach((edge, i) => {
    const label = edge.caption!;
    const name = `"${edge.text}" (${edge.from} → ${edge.to})`;
    for (const other of scene.edges) {
      if (other === edge) continue;
      const near = other.points.slice(1).some((p, k) => gap(other.points[k]!, p, label) <= LINE_REACH);
      if (near) found.onArrow.push(`${name} on the arrow ${other.from} → ${other.to}`);
    }
    for (const other of labelled.slice(i + 1))
      if (overlap(label, other.caption!)) found.onLabel.push(`${name} on "${other.text}"`);
    for (const box of scene.boxes.values())
      if (overlap(label, box)) found.onStep.push(`${name} on step ${box.id}`);
    const inside =
      label.x >= LANE.headerWidth &&
      label.y >= 0 &&
      label.x + label.width <= scene.width &&
      label.y + label.height <= scene.height;
    if (!inside) found.outside.push(`${name} at ${label.x},${label.y}`);
    const needWidth = Math.max(...label.lines.map((line) => textWidth(line, FONT))) + AROUND_X;
    const needHeight = label.lines.length * TEXT.edgeLabel.lineHeight + AROUND_Y;
    if (label.width < needWidth || label.height < needHeight)
      found.cut.push(
        `${name}: ${label.width}×${label.height} for text needing ${Math.ceil(needWidth)}×${needHeight}`,
      );
  });
  return found;
}

describe('arrow labels clear of other arrows, labels and steps, and never cut', () => {
  const expectClear = (scene: Scene) => {
    const found = labelProblems(scene);
    const counts = Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.length]));
    expect({ counts, found }).toEqual({
      counts: { onArrow: 0, onLabel: 0, onStep: 0, outside: 0, cut: 0 },
      found: { onArrow: [], onLabel: [], onStep: [], outside: [], cut: [] },
    });
  };
  for (const { name, definition, layout } of bundled) {
    it(name, () => {
      const scene = sceneOf(definition, layout);
      expect(scene.edges.some((e) => e.caption)).toBe(true);
      expectClear(scene);
    });
  }
  it('a generated 1,000-step workflow, laid out automatically', () => {
    const scene = sceneOf(largeDefinition(1000));
    expect(scene.boxes.size).toBe(1000);
    expectClear(scene);
  }, 20_000);
});
