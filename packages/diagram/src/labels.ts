import { Changes, sameOrder, samePoints, sameRect, union } from './changes.ts';
import {
  inflate,
  type Point,
  type Rect,
  rectsOverlap,
  SpatialIndex,
  segmentCrossesRect,
  segmentRect,
} from './geometry.ts';
import { blockWidth, textWidth, wrapText } from './text.ts';
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

export interface LabelSize {
  lines: string[];
  width: number;
  height: number;
}

// Labels repeat ("done", "approved") and every scene sizes each one: measure each text once.
const sizes = new Map<string, LabelSize>();

export function labelSize(text: string): LabelSize {
  const known = sizes.get(text);
  if (known) return known;
  if (sizes.size > 10_000) sizes.clear();
  const size = measureLabel(text, MAX_WIDTH);
  sizes.set(text, size);
  return size;
}

/** The label on more, shorter lines (about half as wide), for a spot its usual shape does not fit. */
function narrowSize(text: string, usual: LabelSize): LabelSize | undefined {
  if (!text.includes(' ')) return undefined;
  // Never narrower than its longest word: a word broken with a hyphen reads worse than a crossing.
  const longest = Math.max(...text.split(' ').map((w) => textWidth(w, TEXT.edgeLabel)));
  const narrow = measureLabel(text, Math.ceil(Math.max(longest + 1, usual.width / 2)));
  return narrow.width < usual.width ? narrow : undefined;
}

function measureLabel(text: string, maxWidth: number): LabelSize {
  const lines = wrapText(text, TEXT.edgeLabel, maxWidth);
  return {
    lines,
    width: Math.ceil(blockWidth(lines, TEXT.edgeLabel)) + 2 * PAD,
    height: lines.length * TEXT.edgeLabel.lineHeight + 2,
  };
}

/** One label and the areas it looked at while it was placed (to know when to place it again). */
export interface LabelRecord {
  text: string;
  points: Point[];
  placed?: PlacedLabel;
  reads: Rect[];
}

/** What a labelling run leaves for the next one: plain data (it crosses to and from a worker). */
export interface LabelMemo {
  area: Rect;
  boxes: Map<string, Rect>;
  order: string[];
  records: Map<string, LabelRecord>;
}

/** One run of an arrow, with the arrow it belongs to (its own label may sit across it). */
interface Segment {
  id: string;
  a: Point;
  b: Point;
}

export interface Labelled {
  placed: Map<string, PlacedLabel>;
  memo: LabelMemo;
}

/**
 * Puts each arrow's label beside one of its segments, where it overlaps no box and no label
 * already placed; among those spots it prefers few crossings with other arrows and a spot near the
 * arrow's start (an outcome belongs with the step it leaves). Greedy, in the given order.
 *
 * With `previous`, a label keeps its spot when its text and arrow are unchanged and no box, arrow
 * or earlier label near any spot it considered changed: the same answer as placing every label
 * again, since each spot is chosen from exactly those inputs.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  boxes: ReadonlyMap<string, Rect>,
  area: Rect,
  previous?: LabelMemo,
): Labelled {
  const placed = new Map<string, PlacedLabel>();
  // Boxes, labels placed so far and every arrow's runs: indexed only once some label has to be placed.
  let index: { solid: SpatialIndex<Rect>; lines: SpatialIndex<Segment> } | undefined;
  const indexed = () => {
    if (index) return index;
    const solid = new SpatialIndex<Rect>();
    for (const b of boxes.values()) solid.insert(b, b);
    for (const p of placed.values()) solid.insert(p, p);
    const lines = new SpatialIndex<Segment>();
    for (const req of requests)
      for (let i = 1; i < req.points.length; i++)
        lines.insert(segmentRect(req.points[i - 1]!, req.points[i]!), {
          id: req.id,
          a: req.points[i - 1]!,
          b: req.points[i]!,
        });
    index = { solid, lines };
    return index;
  };
  const order = requests.map((r) => r.id);
  const prev = previous && sameOrder(previous.order, order) ? previous : undefined;
  // Spots inside both the old and the new area were judged the same way (inside) either time.
  const common = prev && !sameRect(prev.area, area) ? intersection(prev.area, area) : undefined;
  const unmoved = (r: LabelRecord) => !common || r.reads.every((read) => contains(common, read));
  const changes = new Changes();
  if (prev) {
    for (const [id, b] of boxes) {
      const was = prev.boxes.get(id);
      if (!was || !sameRect(was, b)) {
        changes.add(b);
        if (was) changes.add(was);
      }
    }
    for (const [id, was] of prev.boxes) if (!boxes.has(id)) changes.add(was);
    const now = new Map(requests.map((r) => [r.id, r]));
    for (const [id, record] of prev.records) {
      const req = now.get(id);
      if (!req || !samePoints(req.points, record.points)) {
        changes.addRoute(record.points);
        if (req) changes.addRoute(req.points);
      }
      if (!req && record.placed) changes.add(record.placed);
    }
    for (const req of requests) if (!prev.records.has(req.id)) changes.addRoute(req.points);
  }
  const records = new Map<string, LabelRecord>();
  for (const req of requests) {
    const old = prev?.records.get(req.id);
    let record: LabelRecord;
    if (
      old &&
      old.text === req.text &&
      samePoints(old.points, req.points) &&
      unmoved(old) &&
      !changes.touchesAny(old.reads)
    )
      record = old;
    else {
      const { solid, lines } = indexed();
      record = placeOne(req, solid, lines, area);
      if (!old?.placed !== !record.placed || (old?.placed && !sameRect(old.placed, record.placed!))) {
        if (old?.placed) changes.add(old.placed);
        if (record.placed) changes.add(record.placed);
      }
    }
    records.set(req.id, record);
    if (record.placed) {
      placed.set(req.id, record.placed);
      index?.solid.insert(record.placed, record.placed);
    }
  }
  return { placed, memo: { area, boxes: new Map(boxes), order, records } };
}

function intersection(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y),
  };
}

const contains = (outer: Rect, r: Rect) =>
  r.x >= outer.x &&
  r.y >= outer.y &&
  r.x + r.width <= outer.x + outer.width &&
  r.y + r.height <= outer.y + outer.height;

function placeOne(
  req: LabelRequest,
  solid: SpatialIndex<Rect>,
  lines: SpatialIndex<Segment>,
  area: Rect,
): LabelRecord {
  const record: LabelRecord = { text: req.text, points: req.points, reads: [] };
  if (!req.text) return record;
  const usual = labelSize(req.text);
  let best = bestSpot(req, usual, solid, lines, area, record);
  // A spot on another arrow's line: the label wrapped narrower may fit between the lines.
  if (best && best.crossings > 0 && best.hard === 0) {
    const narrow = narrowSize(req.text, usual);
    const other = narrow && bestSpot(req, narrow, solid, lines, area, record);
    if (other && other.hard === 0 && other.crossings < best.crossings) best = other;
  }
  if (!best) return record;
  record.placed = {
    x: Math.round(best.rect.x),
    y: Math.round(best.rect.y),
    width: best.size.width,
    height: best.size.height,
    lines: best.size.lines,
  };
  return record;
}

const HARD = 100_000;
const CROSSING = 40;

interface Spot {
  rect: Rect;
  score: number;
  size: LabelSize;
  /** Boxes and labels it would touch, plus one if it leaves the drawing. */
  hard: number;
  /** Other arrows' lines through it. */
  crossings: number;
}

function bestSpot(
  req: LabelRequest,
  size: LabelSize,
  solid: SpatialIndex<Rect>,
  lines: SpatialIndex<Segment>,
  area: Rect,
  record: LabelRecord,
): Spot | undefined {
  let best: Spot | undefined;
  let seen: { segment: number; rect: Rect } | undefined;
  for (const c of candidates(req.points, size.width, size.height)) {
    // Boxes and labels within 4 px and arrows within 1 px of a spot decide its score.
    const reach = inflate(c.rect, 5);
    if (seen && seen.segment === c.segment) seen.rect = union(seen.rect, reach);
    else {
      if (seen) record.reads.push(seen.rect);
      seen = { segment: c.segment, rect: reach };
    }
    const inside =
      c.rect.x >= area.x &&
      c.rect.y >= area.y &&
      c.rect.x + c.rect.width <= area.x + area.width &&
      c.rect.y + c.rect.height <= area.y + area.height;
    let hard = inside ? 0 : 1;
    for (const { rect } of solid.near(c.rect, 4)) if (rectsOverlap(c.rect, rect, 2)) hard++;
    let crossings = 0;
    for (const { item } of lines.near(c.rect, 1)) {
      if (item.id !== req.id && segmentCrossesRect(item.a, item.b, c.rect)) crossings++;
    }
    const score = hard * HARD + crossings * CROSSING + c.along * 0.05 + c.penalty;
    if (!best || score < best.score) best = { rect: c.rect, score, size, hard, crossings };
  }
  if (seen) record.reads.push(seen.rect);
  return best;
}

interface Candidate {
  rect: Rect;
  /** Which of the arrow's segments the spot is beside. */
  segment: number;
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
      out.push({ rect: { x, y: a.y - h / 2, width: w, height: h }, segment: i, along: 0, penalty: -10 });
    }
    if (a.y === b.y) {
      const left = Math.min(a.x, b.x);
      const right = Math.max(a.x, b.x);
      const fits = right - left >= w + 2 * GAP;
      const xs = fits
        ? [left + GAP, (left + right - w) / 2, right - GAP - w, ...between(left + GAP, right - GAP - w, w)]
        : [(left + right - w) / 2, left + GAP, right - w - GAP];
      const starts = a.x <= b.x ? xs : [...xs].reverse();
      starts.forEach((x, k) => {
        const shift = Math.abs(x + w / 2 - a.x);
        for (const y of [a.y - h - GAP, a.y + GAP]) {
          out.push({
            rect: { x, y, width: w, height: h },
            segment: i,
            along: along + shift,
            penalty: (fits ? 0 : 25) + k,
          });
        }
      });
    } else {
      const top = Math.min(a.y, b.y);
      const bottom = Math.max(a.y, b.y);
      const ys = [
        top + GAP,
        (top + bottom - h) / 2,
        bottom - GAP - h,
        ...between(top + GAP, bottom - GAP - h, h),
      ];
      const fits = bottom - top >= h + 2 * GAP;
      for (const y of a.y <= b.y ? ys : [...ys].reverse()) {
        for (const x of [a.x + GAP + 1, a.x - GAP - 1 - w]) {
          out.push({
            rect: { x, y, width: w, height: h },
            segment: i,
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

/**
 * Further spots along a segment, a quarter of the label's length apart (at most 8, spread evenly):
 * the three usual ones (ends and middle) can all sit on another arrow's track or against a box
 * where the segment crosses a busy gap.
 */
function between(from: number, to: number, size: number): number[] {
  const room = to - from;
  const count = Math.min(8, Math.floor(room / Math.max(8, size / 4)) - 1);
  if (count < 1) return [];
  const out: number[] = [];
  for (let k = 1; k <= count; k++) out.push(from + (room * k) / (count + 1));
  return out;
}
