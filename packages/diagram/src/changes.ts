import { type Point, type Rect, SpatialIndex, segmentRect } from './geometry.ts';

/**
 * What an edit changed, as rectangles: boxes moved, grown, added or removed; arrow runs and labels
 * drawn differently. An arrow or label is worked out again only when something it looked at while
 * it was placed (`reads`) touches one of these; everything else keeps its previous result.
 */
export class Changes {
  // A few changes are scanned; many (a lane grew and moved everything below it) are indexed.
  private readonly list: Rect[] = [];
  private index: SpatialIndex<Rect> | undefined;

  add(r: Rect): void {
    this.list.push(r);
    if (this.index) this.index.insert(r, r);
    else if (this.list.length > SCAN_LIMIT) {
      this.index = new SpatialIndex<Rect>();
      for (const c of this.list) this.index.insert(c, c);
    }
  }

  addRoute(points: readonly Point[] | undefined): void {
    if (!points) return;
    for (let i = 1; i < points.length; i++) this.add(segmentRect(points[i - 1]!, points[i]!));
  }

  /** True when a change touches `r` (edges touching count: the check errs on the side of redoing). */
  touches(r: Rect): boolean {
    if (this.list.length === 0) return false;
    if (!this.index) return this.list.some((c) => touching(c, r));
    return this.index.near(r, 1).some(({ rect }) => touching(rect, r));
  }

  touchesAny(reads: readonly Rect[]): boolean {
    return reads.some((r) => this.touches(r));
  }
}

const SCAN_LIMIT = 64;

const touching = (a: Rect, b: Rect) =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

export const samePoints = (a: readonly Point[], b: readonly Point[]): boolean =>
  a === b || (a.length === b.length && a.every((p, i) => p.x === b[i]!.x && p.y === b[i]!.y));

export const sameRect = (a: Rect, b: Rect): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/**
 * True when the ids kept from `before` to `after` stay in the same order. Greedy placement reads
 * what was placed earlier, so a reordering would change what each item saw: then nothing is reused.
 */
export function sameOrder(before: readonly string[], after: readonly string[]): boolean {
  const kept = new Set(after);
  const was = new Set(before);
  const a = before.filter((id) => kept.has(id));
  const b = after.filter((id) => was.has(id));
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Bounding rectangle of two rectangles. */
export function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** Deep equality of plain data (objects, arrays, numbers, strings): what a scene is made of. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameData(x, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every(
    (k) => k in b && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
