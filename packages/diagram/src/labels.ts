import { Changes, sameOrder, samePoints, sameRect, union } from './changes.ts';
import {
  inflate,
  type Point,
  type Rect,
  rectsOverlap,
  SpatialIndex,
  segmentGap,
  segmentRect,
} from './geometry.ts';
import { blockWidth, textWidth, wrapText } from './text.ts';
import { EDGE_LINE, LABEL_BOX, LABEL_MARK, TEXT } from './theme.ts';

/** An arrow's label: its wrapped lines and the rectangle they occupy. */
export interface PlacedLabel extends Rect {
  lines: string[];
}

/** Marks drawn in a label's row beside its text: a problem's icon, words ("warning", "changed"). */
export interface LabelMark {
  icon?: boolean;
  words?: readonly string[];
}

const MARK_FONT = { size: LABEL_MARK.size, weight: LABEL_MARK.weight } as const;

/** How much wider a label's row is with its marks (each after a gap), as the editor draws them. */
export function markWidth(mark: LabelMark | undefined): number {
  if (!mark) return 0;
  let width = mark.icon ? LABEL_MARK.icon + LABEL_MARK.gap : 0;
  for (const word of mark.words ?? []) width += LABEL_MARK.gap + textWidth(word.toUpperCase(), MARK_FONT);
  return Math.ceil(width);
}

const markKey = (mark: LabelMark | undefined) =>
  mark ? `${mark.icon ? 'icon' : ''}|${(mark.words ?? []).join('|')}` : '';

export interface LabelRequest {
  id: string;
  text: string;
  /** Marks drawn beside the text: the label's box is made that much wider. */
  mark?: LabelMark;
  points: Point[];
  /** The steps the arrow leaves and enters: the only boxes its label may sit beside. */
  from: string;
  to: string;
}

const MAX_WIDTH = 150;
const NARROW_LINES = 3;
/** A label's text is measured as it is drawn at its widest: bold, as on a highlighted path. */
const FONT = { size: TEXT.edgeLabel.size, weight: LABEL_BOX.weight } as const;
const AROUND_X = LABEL_BOX.paddingX + LABEL_BOX.border;
const AROUND_Y = LABEL_BOX.paddingY + LABEL_BOX.border;
const GAP = 3;
/** Another arrow's line nearer a label than this is drawn over it (a highlighted line is thick). */
export const LINE_REACH = EDGE_LINE.raised / 2;
/**
 * How far a label may sit from the step its arrow leaves: further, a reader has to follow the arrow
 * to learn which outcome it is, and beside a decision the outcomes no longer read as a list.
 */
export const BESIDE_STEP = 48;
/**
 * How far a label keeps from a step its arrow neither leaves nor enters where a spot allows it:
 * closer, a reader takes it for that step's outcome.
 */
const STEP_CLEARANCE = 20;

export interface LabelSize {
  lines: string[];
  width: number;
  height: number;
}

// Labels repeat ("done", "approved") and every scene sizes each one: measure each text once.
const sizes = new Map<string, LabelSize>();

export function labelSize(text: string, mark?: LabelMark): LabelSize {
  const key = mark ? `${text}\u0000${markKey(mark)}` : text;
  const known = sizes.get(key);
  if (known) return known;
  if (sizes.size > 10_000) sizes.clear();
  const size = measureLabel(text, MAX_WIDTH, markWidth(mark));
  sizes.set(key, size);
  return size;
}

/**
 * The narrowest shape a label may take: its narrow shape when it has one, else its usual one. The
 * layout leaves this much room after a column, so a long outcome wraps in the gap rather than
 * pushing every later step to the right.
 */
export function compactLabelSize(text: string): LabelSize {
  const usual = labelSize(text);
  return narrowSize(text, usual) ?? usual;
}

/** The label on more, shorter lines (about half as wide), for a spot its usual shape does not fit. */
function narrowSize(text: string, usual: LabelSize, mark?: LabelMark): LabelSize | undefined {
  if (!text.includes(' ')) return undefined;
  const extra = markWidth(mark);
  // Never narrower than its longest word: a word broken with a hyphen reads worse than a crossing.
  const longest = Math.max(...text.split(' ').map((w) => textWidth(w, FONT)));
  // At most three lines: a taller block reads as a paragraph, not an arrow's outcome.
  let width = Math.ceil(Math.max(longest + 1, (usual.width - extra) / 2));
  let narrow = measureLabel(text, width, extra);
  while (narrow.lines.length > NARROW_LINES && width < usual.width) {
    width += 8;
    narrow = measureLabel(text, width, extra);
  }
  return narrow.width < usual.width && narrow.lines.length <= Math.max(NARROW_LINES, usual.lines.length)
    ? narrow
    : undefined;
}

function measureLabel(text: string, maxWidth: number, extra = 0): LabelSize {
  const lines = wrapText(text, FONT, maxWidth);
  return {
    lines,
    width: Math.ceil(blockWidth(lines, FONT)) + extra + 2 * AROUND_X,
    height: lines.length * TEXT.edgeLabel.lineHeight + 2 * AROUND_Y,
  };
}

/** One label and the areas it looked at while it was placed (to know when to place it again). */
export interface LabelRecord {
  text: string;
  /** The marks it was sized with (see `LabelMark`), as one key. */
  mark: string;
  points: Point[];
  from: string;
  to: string;
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
  // Boxes (by step id), labels placed so far and every arrow's runs: indexed only once some label
  // has to be placed.
  let index: { solid: SpatialIndex<Solid>; lines: SpatialIndex<Segment> } | undefined;
  const indexed = () => {
    if (index) return index;
    const solid = new SpatialIndex<Solid>();
    for (const [id, b] of boxes) solid.insert(b, { step: id });
    for (const p of placed.values()) solid.insert(p, {});
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
      old.mark === markKey(req.mark) &&
      old.from === req.from &&
      old.to === req.to &&
      samePoints(old.points, req.points) &&
      unmoved(old) &&
      !changes.touchesAny(old.reads)
    )
      record = old;
    else {
      const { solid, lines } = indexed();
      record = placeOne(req, solid, lines, area, { source: boxes.get(req.from), target: boxes.get(req.to) });
      if (!old?.placed !== !record.placed || (old?.placed && !sameRect(old.placed, record.placed!))) {
        if (old?.placed) changes.add(old.placed);
        if (record.placed) changes.add(record.placed);
      }
    }
    records.set(req.id, record);
    if (record.placed) {
      placed.set(req.id, record.placed);
      index?.solid.insert(record.placed, {});
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

/** What a spot must not cover: a step's box (with its id) or a label placed before. */
interface Solid {
  step?: string;
}

function placeOne(
  req: LabelRequest,
  solid: SpatialIndex<Solid>,
  lines: SpatialIndex<Segment>,
  area: Rect,
  ends: Ends,
): LabelRecord {
  const record: LabelRecord = {
    text: req.text,
    mark: markKey(req.mark),
    points: req.points,
    from: req.from,
    to: req.to,
    reads: [],
  };
  // A label with no words is drawn only for its marks (a fork's branch marked changed).
  if (!req.text && !req.mark) return record;
  // Some spots are placed against the arrow's own boxes (see `candidates`): they are read too.
  if (ends.source) record.reads.push(ends.source);
  if (ends.target) record.reads.push(ends.target);
  const usual = labelSize(req.text, req.mark);
  let best = bestSpot(req, usual, solid, lines, area, record, ends);
  // The label wrapped narrower may fit between other arrows' lines, or on its own arrow in a gap
  // the layout left only as wide as this narrow shape (its usual shape went further along).
  const far = (spot: Spot) => !!ends.source && gapBetween(spot.rect, ends.source) > BESIDE_STEP;
  if (best && (best.crossings > 0 || best.hard > 0 || far(best))) {
    const narrow = narrowSize(req.text, usual, req.mark);
    const other = narrow && bestSpot(req, narrow, solid, lines, area, record, ends);
    if (other && rank(other, far(other)) < rank(best, far(best))) best = other;
  }
  if (!best) return record;
  record.placed = {
    x: best.rect.x,
    y: best.rect.y,
    width: best.size.width,
    height: best.size.height,
    lines: best.size.lines,
  };
  return record;
}

/** The gap between two rectangles (0 when they touch or overlap). */
export function gapBetween(a: Rect, b: Rect): number {
  const dx = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
  const dy = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

const HARD = 100_000;
// A label across another arrow's line misreads worse than one 2,000 px further along its own arrow.
const CROSSING = 100;
/** Spots compared by what is wrong with them: on something, then across lines, then away from the step. */
const rank = (spot: Spot, far: boolean) => spot.hard * HARD + spot.crossings * CROSSING + (far ? 1 : 0);
/** Per step or other arrow the spot sits beside (not the arrow's own): a misleading label. */
const BESIDE_OTHER = 60;

interface Spot {
  rect: Rect;
  score: number;
  size: LabelSize;
  /** Boxes and labels it would touch, plus one if it leaves the drawing. */
  hard: number;
  /** Other arrows' lines through it or within `LINE_REACH` of it. */
  crossings: number;
}

function bestSpot(
  req: LabelRequest,
  size: LabelSize,
  solid: SpatialIndex<Solid>,
  lines: SpatialIndex<Segment>,
  area: Rect,
  record: LabelRecord,
  ends: Ends,
): Spot | undefined {
  let best: Spot | undefined;
  let seen: { segment: number; rect: Rect } | undefined;
  for (const spot of candidates(req.points, size.width, size.height, ends)) {
    // Judged where it would be drawn: on whole pixels.
    const c = { ...spot, rect: { ...spot.rect, x: Math.round(spot.rect.x), y: Math.round(spot.rect.y) } };
    // Boxes within the step clearance, labels within 4 px and arrows within its gap of a spot decide its score.
    const reach = inflate(c.rect, STEP_CLEARANCE + 1);
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
    let besideOther = 0;
    for (const { rect, item } of solid.near(c.rect, STEP_CLEARANCE)) {
      if (rectsOverlap(c.rect, rect, 2)) hard++;
      else if (
        item.step !== undefined &&
        item.step !== req.from &&
        item.step !== req.to &&
        rectsOverlap(c.rect, rect, STEP_CLEARANCE)
      )
        besideOther++;
    }
    let crossings = 0;
    for (const { item } of lines.near(c.rect, Math.max(c.gap, LINE_REACH))) {
      if (item.id === req.id) continue;
      const apart = segmentGap(item.a, item.b, c.rect);
      // Through the label, or so close a highlighted (thick) line would be drawn over its edge.
      if (apart <= LINE_REACH) crossings++;
      // Another arrow nearer than its own: the label reads as that arrow's.
      else if (apart < c.gap) besideOther++;
    }
    const score =
      hard * HARD + crossings * CROSSING + besideOther * BESIDE_OTHER + c.along * 0.05 + c.penalty;
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
  /** How far the spot is from the arrow's segment (0: on it). */
  gap: number;
}

/** The boxes of the steps an arrow leaves and enters. */
interface Ends {
  source: Rect | undefined;
  target: Rect | undefined;
}

/**
 * Spots beside every segment of the arrow. An arrow starts on its step's outline, which for a
 * decision or a wait lies inside the box's rectangle away from the middle: a spot there would cover
 * the box, so spots on the first run start at the rectangle's edge. Beside the run down (or up) from
 * the step it leaves and the run to the step it enters, a spot also sits just clear of that step:
 * the evenly spread spots can all fall beside other steps in a column of them.
 */
function candidates(points: readonly Point[], w: number, h: number, ends: Ends): Candidate[] {
  const out: Candidate[] = [];
  const leaves = ends.source && ends.source.x + ends.source.width;
  let along = 0;
  for (let i = 1; i < points.length; i++) {
    const b = points[i]!;
    const from = points[i - 1]!;
    const a =
      i === 1 && leaves !== undefined && from.y === b.y && from.x < leaves && leaves < b.x
        ? { x: leaves, y: from.y }
        : from;
    const length = Math.abs(b.x - from.x) + Math.abs(b.y - from.y);
    if (i === 1 && a.y === b.y && Math.abs(b.x - a.x) >= w + 2 * GAP) {
      // Best: on the arrow itself, right where it leaves its step.
      const x = a.x <= b.x ? a.x + GAP + 2 : a.x - GAP - 2 - w;
      out.push({
        rect: { x, y: a.y - h / 2, width: w, height: h },
        segment: i,
        along: 0,
        penalty: -10,
        gap: 0,
      });
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
            gap: GAP,
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
      const down = a.y < b.y;
      const clear = [
        i === 2 && ends.source && (down ? ends.source.y + ends.source.height + GAP : ends.source.y - GAP - h),
        i === points.length - 2 &&
          ends.target &&
          (down ? ends.target.y - GAP - h : ends.target.y + ends.target.height + GAP),
      ];
      for (const y of clear) if (typeof y === 'number' && y >= top && y + h <= bottom) ys.push(y);
      const fits = bottom - top >= h + 2 * GAP;
      for (const y of a.y <= b.y ? ys : [...ys].reverse()) {
        for (const x of [a.x + GAP + 1, a.x - GAP - 1 - w]) {
          out.push({
            rect: { x, y, width: w, height: h },
            segment: i,
            along: along + Math.abs(y - a.y),
            penalty: 15 + (fits ? 0 : 25),
            gap: GAP + 1,
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
