/** Plain rectangles and points, in diagram coordinates (y grows downwards). */
export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** True when the two rectangles share interior area (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect, margin = 0): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}

export function inflate(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

/** True when the axis-parallel segment a–b passes through the interior of `r`. */
export function segmentCrossesRect(a: Point, b: Point, r: Rect): boolean {
  const minX = Math.min(a.x, b.x);
  const maxX = Math.max(a.x, b.x);
  const minY = Math.min(a.y, b.y);
  const maxY = Math.max(a.y, b.y);
  if (a.y === b.y) return a.y > r.y && a.y < r.y + r.height && minX < r.x + r.width && maxX > r.x;
  if (a.x === b.x) return a.x > r.x && a.x < r.x + r.width && minY < r.y + r.height && maxY > r.y;
  // Not axis-parallel: test the bounding box (routes are orthogonal; this is a safe over-estimate).
  return rectsOverlap({ x: minX, y: minY, width: maxX - minX, height: maxY - minY }, r);
}

/** The distance between an axis-parallel segment and a rectangle (0 when they touch or cross). */
export function segmentGap(a: Point, b: Point, r: Rect): number {
  const dx = Math.max(0, r.x - Math.max(a.x, b.x), Math.min(a.x, b.x) - (r.x + r.width));
  const dy = Math.max(0, r.y - Math.max(a.y, b.y), Math.min(a.y, b.y) - (r.y + r.height));
  return Math.hypot(dx, dy);
}

export function unionRect(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  for (const r of rects) {
    x1 = Math.min(x1, r.x);
    y1 = Math.min(y1, r.y);
    x2 = Math.max(x2, r.x + r.width);
    y2 = Math.max(y2, r.y + r.height);
  }
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

const CELL_ROWS = 1 << 20;

/** A uniform grid of buckets: finds the rectangles near a query without scanning them all. */
export class SpatialIndex<T> {
  // A cell's key is one number (column × 2^20 + row): cheaper than a string on the hot path.
  private readonly cells = new Map<number, Array<{ rect: Rect; item: T }>>();
  constructor(private readonly size = 256) {}

  private keys(r: Rect): number[] {
    const keys: number[] = [];
    const x1 = Math.floor(r.x / this.size);
    const x2 = Math.floor((r.x + r.width) / this.size);
    const y1 = Math.floor(r.y / this.size);
    const y2 = Math.floor((r.y + r.height) / this.size);
    for (let i = x1; i <= x2; i++) for (let j = y1; j <= y2; j++) keys.push(i * CELL_ROWS + j);
    return keys;
  }

  insert(rect: Rect, item: T): void {
    const entry = { rect, item };
    for (const k of this.keys(rect)) {
      const list = this.cells.get(k);
      if (list) list.push(entry);
      else this.cells.set(k, [entry]);
    }
  }

  /** The area whose items `near(r, margin)` can return: `r` widened to whole cells. */
  reach(r: Rect, margin = 0): Rect {
    const q = inflate(r, margin);
    const x1 = Math.floor(q.x / this.size) * this.size;
    const y1 = Math.floor(q.y / this.size) * this.size;
    const x2 = (Math.floor((q.x + q.width) / this.size) + 1) * this.size;
    const y2 = (Math.floor((q.y + q.height) / this.size) + 1) * this.size;
    return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
  }

  /** Items whose rectangle comes within `margin` of `r` (each once). */
  near(r: Rect, margin = 0): Array<{ rect: Rect; item: T }> {
    const seen = new Set<{ rect: Rect; item: T }>();
    for (const k of this.keys(inflate(r, margin))) for (const e of this.cells.get(k) ?? []) seen.add(e);
    return [...seen];
  }
}

/** The bounding rectangle of an axis-parallel segment. */
export const segmentRect = (a: Point, b: Point): Rect => ({
  x: Math.min(a.x, b.x),
  y: Math.min(a.y, b.y),
  width: Math.abs(b.x - a.x),
  height: Math.abs(b.y - a.y),
});
