import {
  type Point,
  type Rect,
  rectsOverlap,
  SpatialIndex,
  segmentCrossesRect,
  segmentRect,
} from './geometry.ts';
import { blockWidth, wrapText } from './text.ts';
import { TEXT } from './theme.ts';

/** An arrow's label: its wrapped lines and the rectangle they occupy. */
export interface PlacedLabel extends Rect {
  lines: string[];
}

export interface LabelRequest {
  id: string;
  text: string;
  points: Point[];
}

const MAX_WIDTH = 150;
const PAD = 3;
const GAP = 3;

export function labelSize(text: string): { lines: string[]; width: number; height: number } {
  const lines = wrapText(text, TEXT.edgeLabel, MAX_WIDTH);
  return {
    lines,
    width: Math.ceil(blockWidth(lines, TEXT.edgeLabel)) + 2 * PAD,
    height: lines.length * TEXT.edgeLabel.lineHeight + 2,
  };
}

/**
 * Puts each arrow's label beside one of its segments, where it overlaps no box and no label
 * already placed; among those spots it prefers few crossings with other arrows and a spot near the
 * arrow's start (an outcome belongs with the step it leaves). Greedy, in the given order.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  boxes: readonly Rect[],
  allRoutes: readonly Point[][],
  area: Rect,
): Map<string, PlacedLabel> {
  const placed = new Map<string, PlacedLabel>();
  const solid = new SpatialIndex<Rect>();
  for (const b of boxes) solid.insert(b, b);
  const lines = new SpatialIndex<{ route: readonly Point[]; a: Point; b: Point }>();
  for (const route of allRoutes)
    for (let i = 1; i < route.length; i++)
      lines.insert(segmentRect(route[i - 1]!, route[i]!), { route, a: route[i - 1]!, b: route[i]! });
  for (const req of requests) {
    if (!req.text) continue;
    const size = labelSize(req.text);
    let best: { rect: Rect; score: number } | undefined;
    for (const c of candidates(req.points, size.width, size.height)) {
      const inside =
        c.rect.x >= area.x &&
        c.rect.y >= area.y &&
        c.rect.x + c.rect.width <= area.x + area.width &&
        c.rect.y + c.rect.height <= area.y + area.height;
      let hard = inside ? 0 : 1;
      for (const { rect } of solid.near(c.rect, 4)) if (rectsOverlap(c.rect, rect, 2)) hard++;
      let crossings = 0;
      for (const { item } of lines.near(c.rect, 1)) {
        if (item.route !== req.points && segmentCrossesRect(item.a, item.b, c.rect)) crossings++;
      }
      const score = hard * 100_000 + crossings * 40 + c.along * 0.05 + c.penalty;
      if (!best || score < best.score) best = { rect: c.rect, score };
    }
    if (!best) continue;
    const rect = {
      x: Math.round(best.rect.x),
      y: Math.round(best.rect.y),
      width: size.width,
      height: size.height,
    };
    placed.set(req.id, { ...rect, lines: size.lines });
    solid.insert(rect, rect);
  }
  return placed;
}

interface Candidate {
  rect: Rect;
  /** Distance along the arrow from its start. */
  along: number;
  penalty: number;
}

function candidates(points: readonly Point[], w: number, h: number): Candidate[] {
  const out: Candidate[] = [];
  let along = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    if (i === 1 && a.y === b.y && Math.abs(b.x - a.x) >= w + 2 * GAP) {
      // Best: on the arrow itself, right where it leaves its step.
      const x = a.x <= b.x ? a.x + GAP + 2 : a.x - GAP - 2 - w;
      out.push({ rect: { x, y: a.y - h / 2, width: w, height: h }, along: 0, penalty: -10 });
    }
    if (a.y === b.y) {
      const left = Math.min(a.x, b.x);
      const right = Math.max(a.x, b.x);
      const fits = right - left >= w + 2 * GAP;
      const xs = fits
        ? [left + GAP, (left + right - w) / 2, right - GAP - w]
        : [(left + right - w) / 2, left + GAP, right - w - GAP];
      const starts = a.x <= b.x ? xs : [...xs].reverse();
      starts.forEach((x, k) => {
        const shift = Math.abs(x + w / 2 - a.x);
        for (const y of [a.y - h - GAP, a.y + GAP]) {
          out.push({
            rect: { x, y, width: w, height: h },
            along: along + shift,
            penalty: (fits ? 0 : 25) + k,
          });
        }
      });
    } else {
      const top = Math.min(a.y, b.y);
      const bottom = Math.max(a.y, b.y);
      const ys = [top + GAP, (top + bottom - h) / 2, bottom - GAP - h];
      const fits = bottom - top >= h + 2 * GAP;
      for (const y of a.y <= b.y ? ys : [...ys].reverse()) {
        for (const x of [a.x + GAP + 1, a.x - GAP - 1 - w]) {
          out.push({
            rect: { x, y, width: w, height: h },
            along: along + Math.abs(y - a.y),
            penalty: 15 + (fits ? 0 : 25),
          });
        }
      }
    }
    along += length;
  }
  return out;
}
