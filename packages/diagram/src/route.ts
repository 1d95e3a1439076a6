import { Changes, sameOrder, samePoints, sameRect, union } from './changes.ts';
import { inflate, type Point, type Rect, SpatialIndex, segmentCrossesRect, segmentRect } from './geometry.ts';
import { ROUTING } from './theme.ts';

/** What the router needs of a box: its rectangle and the points where arrows leave and enter. */
export interface Obstacle extends Rect {
  id: string;
}

export interface RouteRequest {
  id: string;
  from: string;
  to: string;
  /** Where the arrow leaves the source (on its right side) and enters the target (its left side). */
  start: Point;
  end: Point;
  /** Length of the first straight run the arrow should keep before it bends (room for its label). */
  lead?: number;
}

const STUB = 14;
type Dir = 0 | 1 | 2 | 3; // right, down, left, up
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/** One routed arrow and everything it looked at while it was routed (to know when to redo it). */
export interface RouteRecord {
  request: RouteRequest;
  points: Point[];
  reads: Rect[];
  /** The search windows tried (by how far each was widened): they depend on the drawing's bounds. */
  windows: Array<[grow: number, window: Rect]>;
  /** Whether the corridors were tried (then the route depends on where the lanes' edges are). */
  corridor: boolean;
}

/** What a routing run leaves behind for the next one: plain data (it crosses to and from a worker). */
export interface RouteMemo {
  bounds: Rect;
  corridors: number[];
  obstacles: Map<string, Obstacle>;
  order: string[];
  records: Map<string, RouteRecord>;
}

export interface Routed {
  routes: Map<string, Point[]>;
  memo: RouteMemo;
}

/**
 * Orthogonal arrows that never pass through a box. Each arrow leaves its source to the right and
 * enters its target from the left; in between, an A* search over a sparse grid (box edges plus
 * clearance, and several tracks in every gap) finds the route with the fewest bends, preferring
 * grid segments no earlier arrow uses, so arrows sharing a gap run side by side instead of on top
 * of each other. The search is windowed around the two ends and widened only when needed.
 *
 * With `previous` (the memo of an earlier run), an arrow keeps its earlier route when its ends are
 * unchanged and nothing it looked at changed: no box in the areas it searched moved, and no earlier
 * arrow's runs there changed. Each arrow is a function of exactly those inputs, so the result is the
 * same as routing everything again, only quicker after a small edit.
 */
export function routeArrows(
  obstacles: readonly Obstacle[],
  requests: readonly RouteRequest[],
  bounds: Rect,
  /** Horizontal lines known to be free of boxes along their length (e.g. just inside each lane's edges). */
  corridors: readonly number[] = [],
  previous?: RouteMemo,
): Routed {
  const routes = new Map<string, Point[]>();
  const byId = new Map<string, Obstacle>();
  for (const o of obstacles) byId.set(o.id, o);
  // The search's index of boxes and runs so far: built only once some arrow has to be routed.
  let search: { index: SpatialIndex<Obstacle>; used: Used } | undefined;
  const searching = () => {
    if (!search) {
      search = { index: new SpatialIndex<Obstacle>(), used: new Map() };
      for (const o of obstacles) search.index.insert(o, o);
      for (const points of routes.values()) markRoute(search.used, points);
    }
    return search;
  };
  const order = requests.map((r) => r.id);
  const prev = previous && sameOrder(previous.order, order) ? previous : undefined;
  // A lane that grew moves the bounds and the corridors: only arrows whose windows or corridors
  // that changes are redone for it (with those whose boxes moved).
  const sameBounds = !!prev && sameRect(prev.bounds, bounds);
  const sameCorridors =
    !!prev &&
    prev.corridors.length === corridors.length &&
    prev.corridors.every((c, i) => c === corridors[i]);
  const unmoved = (r: RouteRecord) =>
    (sameBounds || r.windows.every(([grow, w]) => sameRect(windowFor(r.request, bounds, grow), w))) &&
    (sameCorridors || !r.corridor);
  const changes = new Changes();
  if (prev) {
    for (const [id, o] of byId) {
      const was = prev.obstacles.get(id);
      if (!was || !sameRect(was, o)) {
        changes.add(o);
        if (was) changes.add(was);
      }
    }
    for (const [id, was] of prev.obstacles) if (!byId.has(id)) changes.add(was);
    const now = new Set(order);
    for (const [id, record] of prev.records) if (!now.has(id)) changes.addRoute(record.points);
  }
  const records = new Map<string, RouteRecord>();
  for (const req of requests) {
    const old = prev?.records.get(req.id);
    let record: RouteRecord;
    if (old && sameRequest(old.request, req) && unmoved(old) && !changes.touchesAny(old.reads)) record = old;
    else {
      const { index, used } = searching();
      record = routeOne(req, byId, index, bounds, corridors, used);
      if (!old || !samePoints(old.points, record.points)) {
        changes.addRoute(old?.points);
        changes.addRoute(record.points);
      }
    }
    if (search) markRoute(search.used, record.points);
    routes.set(req.id, record.points);
    records.set(req.id, record);
  }
  return { routes, memo: { bounds, corridors: [...corridors], obstacles: byId, order, records } };
}

const sameRequest = (a: RouteRequest, b: RouteRequest) =>
  a.from === b.from &&
  a.to === b.to &&
  a.lead === b.lead &&
  a.start.x === b.start.x &&
  a.start.y === b.start.y &&
  a.end.x === b.end.x &&
  a.end.y === b.end.y;

/** Routes one arrow, noting every area whose boxes or earlier runs the result depends on. */
function routeOne(
  req: RouteRequest,
  byId: Map<string, Obstacle>,
  index: SpatialIndex<Obstacle>,
  bounds: Rect,
  corridors: readonly number[],
  used: Used,
): RouteRecord {
  const reads: Rect[] = [];
  const windows: RouteRecord['windows'] = [];
  let corridorTried = false;
  let points: Point[] | undefined;
  if (req.from === req.to) {
    const box = byId.get(req.from)!;
    reads.push(box);
    points = selfLoop(box, req);
  }
  for (const lead of req.lead ? [req.lead, 0] : [0]) {
    for (let grow = 1; !points && grow <= 3; grow++) {
      const window = windowFor(req, bounds, grow);
      windows.push([grow, window]);
      // Counting the boxes near the window reads whole cells of the index.
      reads.push(index.reach(window));
      // A grid over hundreds of boxes is too slow to search: long arrows take a corridor instead.
      if (index.near(window).length > MAX_SEARCH_BOXES) break;
      points = search(req, index, window, used, Math.max(STUB, lead));
    }
    if (!points) {
      corridorTried = true;
      points = corridor(req, index, corridors, used, Math.max(STUB, lead), reads);
    }
    if (points) break;
  }
  points ??= fallback(req);
  return { request: req, points: simplify(points), reads, windows, corridor: corridorTried };
}

function windowFor(req: RouteRequest, bounds: Rect, grow: number): Rect {
  if (grow >= 3) return bounds;
  const padX = grow === 1 ? 260 : 900;
  const padY = grow === 1 ? 200 : 700;
  const x1 = Math.max(bounds.x, Math.min(req.start.x, req.end.x) - padX);
  const x2 = Math.min(bounds.x + bounds.width, Math.max(req.start.x, req.end.x) + padX);
  const y1 = Math.max(bounds.y, Math.min(req.start.y, req.end.y) - padY);
  const y2 = Math.min(bounds.y + bounds.height, Math.max(req.start.y, req.end.y) + padY);
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/**
 * Candidate lines along one axis: both sides of every box (plus clearance), the arrow's own ends,
 * and evenly spaced tracks in each free gap between the boxes' spans (where arrows can run).
 */
function lines(spans: Array<[number, number]>, keep: number[], lo: number, hi: number): number[] {
  const c = ROUTING.clearance;
  const set = new Set<number>(keep.map((v) => Math.round(v)));
  for (const [a, b] of spans) {
    set.add(Math.round(a - c));
    set.add(Math.round(b + c));
  }
  // Free gaps: the complement of the union of the spans, inside [lo, hi].
  const sorted = [...spans].sort((p, q) => p[0] - q[0]);
  let cursor = lo;
  const gaps: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    if (a - c > cursor) gaps.push([cursor, a - c]);
    cursor = Math.max(cursor, b + c);
  }
  if (hi > cursor) gaps.push([cursor, hi]);
  for (const [a, b] of gaps) {
    if (b - a < 3 * c) continue;
    for (let t = 1; t <= ROUTING.tracks; t++) set.add(Math.round(a + ((b - a) * t) / (ROUTING.tracks + 1)));
  }
  return [...set].filter((v) => v >= lo && v <= hi).sort((a, b) => a - b);
}

function search(
  req: RouteRequest,
  index: SpatialIndex<Obstacle>,
  window: Rect,
  used: Used,
  lead: number,
): Point[] | undefined {
  const c = ROUTING.clearance;
  const inWindow = index
    .near(window)
    .map((e) => e.item)
    .filter(
      (o) =>
        o.x < window.x + window.width &&
        o.x + o.width > window.x &&
        o.y < window.y + window.height &&
        o.y + o.height > window.y,
    )
    .sort((a, b) => a.x - b.x || a.y - b.y || (a.id < b.id ? -1 : 1));
  const blocks = inWindow.map((o) => inflate(o, c - 1));
  const sx = req.start.x + lead;
  const tx = req.end.x - STUB;
  const xs = lines(
    inWindow.map((o) => [o.x, o.x + o.width] as [number, number]),
    [sx, tx],
    window.x,
    window.x + window.width,
  );
  const ys = lines(
    inWindow.map((o) => [o.y, o.y + o.height] as [number, number]),
    [req.start.y, req.end.y],
    window.y,
    window.y + window.height,
  );
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));
  const startX = xi.get(Math.round(sx));
  const startY = yi.get(Math.round(req.start.y));
  const goalX = xi.get(Math.round(tx));
  const goalY = yi.get(Math.round(req.end.y));
  if (startX === undefined || startY === undefined || goalX === undefined || goalY === undefined)
    return undefined;
  const W = xs.length;
  const H = ys.length;
  const insideBlock = (px: number, py: number) =>
    blocks.some((b) => px > b.x && px < b.x + b.width && py > b.y && py < b.y + b.height);
  const blockedPoint = (i: number, j: number) => insideBlock(xs[i]!, ys[j]!);
  const blockedCache = new Int8Array(W * H).fill(-1);
  const isBlocked = (i: number, j: number) => {
    const k = j * W + i;
    if (blockedCache[k] === -1) blockedCache[k] = blockedPoint(i, j) ? 1 : 0;
    return blockedCache[k] === 1;
  };
  // The first and last stubs must be clear too.
  const startPoint = { x: xs[startX]!, y: ys[startY]! };
  const goalPoint = { x: xs[goalX]!, y: ys[goalY]! };
  // The stubs leave their own boxes, so only other boxes can block them.
  const others = blocks.filter((_, k) => inWindow[k]!.id !== req.from && inWindow[k]!.id !== req.to);
  if (others.some((b) => segmentCrossesRect(req.start, startPoint, b))) return undefined;
  if (others.some((b) => segmentCrossesRect(goalPoint, req.end, b))) return undefined;

  const state = (i: number, j: number, d: Dir) => (j * W + i) * 4 + d;
  const cost = new Float64Array(W * H * 4).fill(Number.POSITIVE_INFINITY);
  const prev = new Int32Array(W * H * 4).fill(-1);
  const heap = new MinHeap();
  const h = (i: number, j: number) => Math.abs(xs[i]! - goalPoint.x) + Math.abs(ys[j]! - goalPoint.y);
  const s0 = state(startX, startY, 0);
  cost[s0] = 0;
  heap.push(s0, h(startX, startY));
  while (heap.size > 0) {
    const s = heap.pop();
    const d = (s % 4) as Dir;
    const cell = (s - d) / 4;
    const i = cell % W;
    const j = (cell - i) / W;
    if (i === goalX && j === goalY) {
      if (d === 2) continue; // would double back into the target's stub
      return [req.start, ...unwind(s, prev, xs, ys, W), req.end];
    }
    const base = cost[s]!;
    for (let nd = 0 as Dir; nd < 4; nd = (nd + 1) as Dir) {
      if (nd === (((d + 2) % 4) as Dir)) continue; // no U-turns
      const ni = i + DX[nd]!;
      const nj = j + DY[nd]!;
      if (ni < 0 || nj < 0 || ni >= W || nj >= H) continue;
      if (isBlocked(ni, nj)) continue;
      const a = { x: xs[i]!, y: ys[j]! };
      const b = { x: xs[ni]!, y: ys[nj]! };
      // Both ends are clear and every box side is a grid line, so a box between them holds the midpoint.
      if (insideBlock((a.x + b.x) / 2, (a.y + b.y) / 2)) continue;
      const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
      const shared = overlaps(used, a, b);
      const next =
        base + length * (1 + Math.min(shared, 3) * ROUTING.sharedCost) + (nd !== d ? ROUTING.bendCost : 0);
      const ns = state(ni, nj, nd);
      if (next < cost[ns]!) {
        cost[ns] = next;
        prev[ns] = s;
        heap.push(ns, next + h(ni, nj));
      }
    }
  }
  return undefined;
}

function unwind(s: number, prev: Int32Array, xs: number[], ys: number[], W: number): Point[] {
  const out: Point[] = [];
  for (let cur = s; cur !== -1; cur = prev[cur]!) {
    const cell = (cur - (cur % 4)) / 4;
    const i = cell % W;
    out.push({ x: xs[i]!, y: ys[(cell - i) / W]! });
  }
  return out.reverse();
}

/** Drops points in the middle of straight runs. */
export function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const n = out.length;
    if (n > 0 && out[n - 1]!.x === p.x && out[n - 1]!.y === p.y) continue;
    if (n >= 2) {
      const a = out[n - 2]!;
      const b = out[n - 1]!;
      if ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y)) out[n - 1] = p;
      else out.push(p);
    } else out.push(p);
  }
  return out;
}

/** Runs already drawn, per line: `h:<y>` or `v:<x>` → [lo, hi] intervals. */
type Used = Map<string, Array<[number, number]>>;

const lineOf = (a: Point, b: Point): [string, number, number] =>
  a.y === b.y
    ? [`h:${a.y}`, Math.min(a.x, b.x), Math.max(a.x, b.x)]
    : [`v:${a.x}`, Math.min(a.y, b.y), Math.max(a.y, b.y)];

function overlaps(used: Used, a: Point, b: Point): number {
  const [line, lo, hi] = lineOf(a, b);
  let n = 0;
  for (const [l, h] of used.get(line) ?? []) if (l < hi && lo < h) n++;
  return n;
}

function markRoute(used: Used, points: readonly Point[]) {
  for (let i = 1; i < points.length; i++) markUsed(used, points[i - 1]!, points[i]!);
}

function markUsed(used: Used, a: Point, b: Point) {
  const [line, lo, hi] = lineOf(a, b);
  const list = used.get(line);
  if (list) list.push([lo, hi]);
  else used.set(line, [[lo, hi]]);
}

function selfLoop(box: Obstacle, req: RouteRequest): Point[] {
  const right = req.start.x + STUB + 6;
  const below = box.y + box.height + ROUTING.clearance + 6;
  const left = req.end.x - STUB - 6;
  return [
    req.start,
    { x: right, y: req.start.y },
    { x: right, y: below },
    { x: left, y: below },
    { x: left, y: req.end.y },
    req.end,
  ];
}

const MAX_SEARCH_BOXES = 60;

/**
 * A long arrow: up or down its source's gap to a free corridor, along it, then down or up the gap
 * before its target. Tried from the nearest corridor outwards; a corridor run another arrow
 * already uses is shifted a few pixels so the two stay apart.
 */
function corridor(
  req: RouteRequest,
  index: SpatialIndex<Obstacle>,
  corridors: readonly number[],
  used: Used,
  lead: number,
  reads: Rect[],
): Point[] | undefined {
  const sx = req.start.x + lead;
  const tx = req.end.x - STUB;
  const detour = (y: number) => Math.abs(y - req.start.y) + Math.abs(y - req.end.y);
  let seen: Rect | undefined;
  const done = (points: Point[] | undefined) => {
    if (seen) reads.push(seen);
    return points;
  };
  const clear = (a: Point, b: Point, own: boolean) =>
    index
      .near(segmentRect(a, b), ROUTING.clearance)
      .every(
        ({ item }) =>
          (own && (item.id === req.from || item.id === req.to)) ||
          !segmentCrossesRect(a, b, inflate(item, ROUTING.clearance - 1)),
      );
  for (const base of [...corridors].sort((a, b) => detour(a) - detour(b))) {
    for (let k = 0; k < 6; k++) {
      const y = base + (k % 2 === 0 ? k / 2 : -(k + 1) / 2) * 4;
      const points = [
        req.start,
        { x: sx, y: req.start.y },
        { x: sx, y },
        { x: tx, y },
        { x: tx, y: req.end.y },
        req.end,
      ];
      // Everything this try looks at (runs on the corridor, boxes near each segment) lies in here.
      const span = inflate(
        segmentRect(
          { x: Math.min(sx, tx, req.start.x, req.end.x), y: Math.min(y, req.start.y, req.end.y) },
          {
            x: Math.max(sx, tx, req.start.x, req.end.x),
            y: Math.max(y, req.start.y, req.end.y),
          },
        ),
        ROUTING.clearance + 1,
      );
      seen = seen ? union(seen, span) : span;
      if (overlaps(used, points[2]!, points[3]!) > 0) continue;
      let ok = true;
      for (let i = 1; i < points.length && ok; i++)
        ok = clear(points[i - 1]!, points[i]!, i === 1 || i === points.length - 1);
      if (ok) return done(points);
    }
  }
  return done(undefined);
}

/** No clear route even over the whole diagram: a plain three-segment arrow (the readability check reports it). */
function fallback(req: RouteRequest): Point[] {
  const mid = req.start.x + STUB;
  return [req.start, { x: mid, y: req.start.y }, { x: mid, y: req.end.y }, req.end];
}

/** A binary heap of state ids by priority. */
class MinHeap {
  private ids: number[] = [];
  private keys: number[] = [];
  get size() {
    return this.ids.length;
  }
  push(id: number, key: number) {
    const ids = this.ids;
    const keys = this.keys;
    let i = ids.length;
    ids.push(id);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      ids[i] = ids[p]!;
      keys[i] = keys[p]!;
      i = p;
    }
    ids[i] = id;
    keys[i] = key;
  }
  pop(): number {
    const ids = this.ids;
    const keys = this.keys;
    const top = ids[0]!;
    const lastId = ids.pop()!;
    const lastKey = keys.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && keys[r]! < keys[l]! ? r : l;
        if (keys[c]! >= lastKey) break;
        ids[i] = ids[c]!;
        keys[i] = keys[c]!;
        i = c;
      }
      ids[i] = lastId;
      keys[i] = lastKey;
    }
    return top;
  }
}
