import { parseDefinition } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import { describe, expect, it } from 'vitest';
import { type Point, type Rect, sceneOf } from '../src/index.ts';

/**
 * How far a label keeps from a step its arrow neither leaves nor enters. Closer than this, a reader
 * takes it for that step's outcome (it is more than a line of label text).
 */
const STEP_CLEARANCE = 20;

/** The gap between a rectangle and an axis-parallel segment (0 when the segment touches it). */
function gapToSegment(r: Rect, a: Point, b: Point): number {
  const dx = Math.max(0, r.x - Math.max(a.x, b.x), Math.min(a.x, b.x) - (r.x + r.width));
  const dy = Math.max(0, r.y - Math.max(a.y, b.y), Math.min(a.y, b.y) - (r.y + r.height));
  return Math.hypot(dx, dy);
}

const gapToPath = (r: Rect, points: readonly Point[]) =>
  Math.min(...points.slice(1).map((p, i) => gapToSegment(r, points[i]!, p)));

function gapBetween(a: Rect, b: Rect): number {
  const dx = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
  const dy = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

describe('arrow labels in every bundled workflow', () => {
  for (const w of workflows) {
    const definition = parseDefinition(w.definition);
    it(`${definition.id}: each label sits at its own arrow, nearer it than any other arrow, and clear of steps the arrow does not touch`, () => {
      const scene = sceneOf(definition);
      const misplaced: string[] = [];
      for (const edge of scene.edges) {
        const label = edge.caption;
        if (!label) continue;
        const own = gapToPath(label, edge.points);
        const where = `"${edge.text}" (${edge.from} → ${edge.to})`;
        if (own > 4) misplaced.push(`${where} is ${own.toFixed(0)} px from its arrow`);
        for (const other of scene.edges) {
          if (other === edge) continue;
          const gap = gapToPath(label, other.points);
          if (gap < own)
            misplaced.push(`${where} is nearer the arrow ${other.from} → ${other.to} than its own`);
        }
        for (const box of scene.boxes.values()) {
          if (box.id === edge.from || box.id === edge.to) continue;
          const gap = gapBetween(label, box);
          if (gap < STEP_CLEARANCE)
            misplaced.push(`${where} sits ${gap.toFixed(0)} px beside step ${box.id}`);
        }
      }
      expect(misplaced).toEqual([]);
    });
  }
});
