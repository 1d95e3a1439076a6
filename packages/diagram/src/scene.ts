import { type Definition, type Edge, type StepKind, stepTitle } from '@portalflow/engine';
import { layOutColumns } from './auto-layout.ts';
import { type BoxShape, measureSteps, PORT_SPACING, type ShapeCache, type TextBlock } from './boxes.ts';
import { captionOf } from './caption.ts';
import { sameData, samePoints, sameRect } from './changes.ts';
import { fitColumns } from './fit-columns.ts';
import { type Point, type Rect, rectsOverlap } from './geometry.ts';
import { type GraphMemo, graphOf } from './graph-memo.ts';
import { type LabelMark, type LabelMemo, labelSize, type PlacedLabel, placeLabels } from './labels.ts';
import { laneOfSteps, laneSpecs } from './lanes.ts';
import { readStoredLayout, type StoredLayout, type StoredPosition } from './layout-format.ts';
import { edgeKey } from './rank.ts';
import { type Obstacle, type RouteMemo, type RouteRequest, routeArrows } from './route.ts';
import { wrapText } from './text.ts';
import { LANE, TEXT } from './theme.ts';

/** One horizontal band: one role, at `y` with `height`; its header text wrapped to the header column. */
export interface SceneLane {
  role: string;
  name: string;
  department: string;
  color: string;
  index: number;
  y: number;
  height: number;
  nameLines: string[];
  departmentLines: string[];
}

/** A step's box in diagram coordinates, with what is drawn in it (text positions are absolute). */
export interface SceneBox {
  id: string;
  kind: StepKind;
  lane: string;
  x: number;
  y: number;
  width: number;
  height: number;
  isStart: boolean;
  /** The step's whole title, as one line (the tooltip; `title` holds it wrapped). */
  label: string;
  shape: Rect;
  /** y where arrows attach. */
  anchorY: number;
  title: TextBlock;
  subtitle?: TextBlock;
}

export interface SceneEdge extends Edge {
  /** Stable id: where the arrow is written in the definition. */
  id: string;
  points: Point[];
  /** What the arrow says, in words ("Labs current: no"); empty for a fork's branches and a join. */
  text: string;
  /** The arrow's label, placed clear of boxes and other labels. */
  caption?: PlacedLabel;
  dashed: boolean;
  /** True for an arrow that closes a loop (the only kind allowed to point left). */
  loop: boolean;
}

/** Everything needed to draw the diagram: the canvas, the replay, the handbook and exports read it. */
export interface Scene {
  title: string;
  lanes: SceneLane[];
  boxes: Map<string, SceneBox>;
  edges: SceneEdge[];
  width: number;
  height: number;
  /** The layout the scene was drawn from, with a position for every step. */
  layout: StoredLayout;
}

/**
 * Lays a workflow out left to right inside its lanes, keeping what the lead pinned (see
 * `layOutColumns`), with columns only as far apart as their arrows' labels need (see `fitColumns`).
 * Deterministic, pure and synchronous: the browser runs it in a worker.
 */
export function autoLayout(definition: Definition, layout: StoredLayout): StoredLayout {
  return fitColumns(definition, layout, (laid) => drawScene(definition, laid));
}

/**
 * Fills in positions for steps that have none. With nothing placed, the whole workflow is laid out
 * automatically; otherwise each new step takes its auto-layout spot, moved down past any box it
 * would overlap, and placed steps stay where they are.
 */
export function completeLayout(definition: Definition, layout: StoredLayout): StoredLayout {
  const ids = Object.keys(definition.steps);
  const missing = ids.filter((id) => !layout.positions[id]);
  if (missing.length === 0) return layout;
  if (missing.length === ids.length) {
    const auto = autoLayout(definition, layout);
    return { ...auto, lanes: layout.lanes.length > 0 ? layout.lanes : auto.lanes };
  }
  // A new step takes its column's spot: the columns around it are already where the lead sees them.
  const auto = layOutColumns(definition, layout);
  const positions: Record<string, StoredPosition> = { ...layout.positions };
  const laneOf = laneOfSteps(definition, {
    ...layout,
    positions: { ...auto.positions, ...layout.positions },
  });
  const shapes = measureSteps(definition);
  const rect = (id: string, p: StoredPosition) => ({
    x: p.x,
    y: p.y,
    width: shapes.get(id)!.width,
    height: shapes.get(id)!.height,
  });
  for (const id of missing) {
    const p = { ...auto.positions[id]! };
    for (let tries = 0; tries < 200; tries++) {
      const clash = Object.entries(positions).find(
        ([o, q]) => laneOf.get(o) === laneOf.get(id) && rectsOverlap(rect(id, p), rect(o, q), 12),
      );
      if (!clash) break;
      const c = rect(clash[0], clash[1]);
      p.y = c.y + c.height + LANE.rowGap;
    }
    positions[id] = p;
  }
  return { ...layout, positions };
}

const HEADER_TEXT_WIDTH = LANE.headerWidth - 20;

/** Lanes and boxes without arrows: what BPMN diagram interchange and quick checks need. */
export interface Placement {
  lanes: SceneLane[];
  boxes: Map<string, SceneBox>;
  width: number;
  height: number;
  layout: StoredLayout;
}

/** Places every step (filling in missing positions) and sizes every lane; no routing. */
export function placementOf(definition: Definition, rawLayout?: unknown): Placement {
  const { shapes: _, ...placement } = placeSteps(definition, rawLayout);
  return placement;
}

/** What placing the steps again can reuse: the shape each box was drawn from, and the boxes. */
interface PlacedBefore {
  shapes: ReadonlyMap<string, BoxShape>;
  boxes: ReadonlyMap<string, SceneBox>;
}

function placeSteps(
  definition: Definition,
  rawLayout: unknown,
  cache?: ShapeCache,
  edges?: readonly Edge[],
  before?: PlacedBefore,
): Placement & { shapes: Map<string, BoxShape> } {
  const layout = completeLayout(definition, readStoredLayout(rawLayout));
  const laneOf = laneOfSteps(definition, layout);
  const specs = laneSpecs(definition, layout, laneOf);
  const shapes = measureSteps(definition, cache, edges);

  const lanes: SceneLane[] = [];
  let y = 0;
  for (const spec of specs) {
    const nameLines = wrapText(spec.name, TEXT.laneName, HEADER_TEXT_WIDTH);
    const departmentLines = spec.department
      ? wrapText(spec.department, TEXT.laneDepartment, HEADER_TEXT_WIDTH)
      : [];
    const headerHeight =
      LANE.padding * 2 +
      nameLines.length * TEXT.laneName.lineHeight +
      departmentLines.length * TEXT.laneDepartment.lineHeight;
    let bottom = 0;
    for (const [id, lane] of laneOf) {
      if (lane !== spec.role) continue;
      bottom = Math.max(bottom, layout.positions[id]!.y + shapes.get(id)!.height + LANE.padding);
    }
    const height = Math.max(LANE.minHeight, headerHeight, bottom);
    lanes.push({ ...spec, y, height, nameLines, departmentLines });
    y += height;
  }
  const laneTop = new Map(lanes.map((l) => [l.role, l.y]));

  const boxes = new Map<string, SceneBox>();
  let right: number = LANE.contentLeft;
  for (const id of Object.keys(definition.steps)) {
    const s = shapes.get(id)!;
    const p = layout.positions[id]!;
    const lane = laneOf.get(id)!;
    const bx = p.x;
    const by = (laneTop.get(lane) ?? 0) + p.y;
    const isStart = definition.start === id;
    const label = stepTitle(definition, id);
    // Everything in a box follows from its shape, place, lane, start flag and title: when none
    // changed, the previous box is handed on as it is.
    const was = before?.boxes.get(id);
    if (
      was &&
      before!.shapes.get(id) === s &&
      was.x === bx &&
      was.y === by &&
      was.lane === lane &&
      was.isStart === isStart &&
      was.label === label
    ) {
      boxes.set(id, was);
      right = Math.max(right, was.x + was.width);
      continue;
    }
    const at = (t: TextBlock): TextBlock => ({ ...t, x: bx + t.x, y: by + t.y });
    const box: SceneBox = {
      id,
      kind: s.kind,
      lane,
      x: bx,
      y: by,
      width: s.width,
      height: s.height,
      isStart,
      label,
      shape: { x: bx + s.shape.x, y: by + s.shape.y, width: s.shape.width, height: s.shape.height },
      anchorY: by + s.anchorY,
      title: at(s.title),
      ...(s.subtitle ? { subtitle: at(s.subtitle) } : {}),
    };
    boxes.set(id, box);
    right = Math.max(right, box.x + box.width);
  }
  return { lanes, boxes, width: right + LANE.columnGap, height: Math.max(y, 40), layout, shapes };
}

/**
 * Marks drawn in arrow labels (a problem, a comparison), by arrow id: each such label's box is
 * sized with its marks, so the drawn label stays in the place it was given.
 */
export type LabelMarks = ReadonlyMap<string, LabelMark>;

export function sceneOf(definition: Definition, rawLayout?: unknown, marks?: LabelMarks): Scene {
  return drawScene(definition, rawLayout, undefined, marks);
}

/**
 * The scene after an edit, equal element by element to `sceneOf(definition, layout)` but reusing
 * the work `previous` did: boxes whose text and arrow count are unchanged are not measured again,
 * and only the arrows and labels near what changed are routed and placed again (see `routeArrows`).
 * An edit to one step of a 1,000-step workflow costs a few milliseconds instead of a few hundred.
 */
export function nextScene(
  previous: Scene | undefined,
  definition: Definition,
  rawLayout?: unknown,
  marks?: LabelMarks,
): Scene {
  return drawScene(definition, rawLayout, previous ? memos.get(previous) : undefined, marks);
}

/** What a scene remembers for `nextScene`: plain data, so a worker can route and send it back. */
export interface SceneMemo {
  shapes: Map<string, BoxShape>;
  /** The shape each step's box was drawn from (the same objects as in `shapes`). */
  boxShapes: Map<string, BoxShape>;
  graph: GraphMemo;
  routes: RouteMemo;
  labels: LabelMemo;
  /** The scene itself: its unchanged lanes, boxes and arrows are handed on as the same objects. */
  scene: Scene;
}

const sameCaption = (a: PlacedLabel | undefined, b: PlacedLabel | undefined): boolean =>
  a === b || (!!a && !!b && sameRect(a, b) && sameData(a.lines, b.lines));

/** Boxes measured from the same shape share its text lines, so most comparisons end at identity. */
function sameBox(a: SceneBox, b: SceneBox): boolean {
  return (
    a.x === b.x &&
    a.y === b.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.kind === b.kind &&
    a.lane === b.lane &&
    a.isStart === b.isStart &&
    a.label === b.label &&
    a.anchorY === b.anchorY &&
    sameRect(a.shape, b.shape) &&
    sameData(a.title, b.title) &&
    sameData(a.subtitle, b.subtitle)
  );
}

/**
 * Lanes and boxes equal to the previous scene's are replaced by those very objects (arrows are
 * handed on as they are drawn), so a canvas can tell what an edit changed by identity instead of
 * comparing every element.
 */
function keepUnchanged(scene: Scene, previous: Scene | undefined): Scene {
  if (!previous) return scene;
  for (const [id, box] of scene.boxes) {
    const was = previous.boxes.get(id);
    if (was && sameBox(was, box)) scene.boxes.set(id, was);
  }
  if (sameData(previous.lanes, scene.lanes)) scene.lanes = previous.lanes;
  return scene;
}

const memos = new WeakMap<Scene, SceneMemo>();

/** The memo of a scene (to send with it from a worker), if it has one. */
export const sceneMemo = (scene: Scene): SceneMemo | undefined => memos.get(scene);

/** Gives a scene that crossed from a worker its memo back, so `nextScene` can build on it. */
export function adoptScene(scene: Scene, memo: SceneMemo): Scene {
  memos.set(scene, memo);
  return scene;
}

function drawScene(definition: Definition, rawLayout: unknown, memo?: SceneMemo, marks?: LabelMarks): Scene {
  const cache: ShapeCache = { previous: memo?.shapes ?? new Map(), next: new Map() };
  const graph = graphOf(definition, memo?.graph);
  const placed = placeSteps(
    definition,
    rawLayout,
    cache,
    graph.edges,
    memo ? { shapes: memo.boxShapes, boxes: memo.scene.boxes } : undefined,
  );
  const { lanes, boxes, width, height, layout } = placed;
  const { edges, loops } = graph.ranking;
  const routable = edges.filter((e) => boxes.has(e.from) && boxes.has(e.to));
  const texts = routable.map((e) => captionOf(e, definition));
  const requests = portsFor(boxes, routable, texts);
  const obstacles: Obstacle[] = [...boxes.values()].map((b) => ({
    id: b.id,
    x: b.x,
    y: b.y,
    width: b.width,
    height: b.height,
  }));
  const bounds: Rect = {
    x: LANE.headerWidth + 8,
    y: 4,
    width: width - LANE.headerWidth - 12,
    height: height - 8,
  };
  const corridors = lanes.flatMap((l) => [l.y + 8, l.y + l.height - 8]);
  const routed = routeArrows(obstacles, requests, bounds, corridors, memo?.routes);
  const requestOf = new Map(requests.map((r) => [r.id, r]));
  // An arrow drawn as before is handed on as the very same object (most arrows after an edit).
  const edgesBefore = memo ? new Map(memo.scene.edges.map((e) => [e.id, e])) : undefined;
  const pointsOf = routable.map((e) => {
    const route = routed.routes.get(e.path)!;
    const from = boxes.get(e.from)!;
    const to = boxes.get(e.to)!;
    const was = edgesBefore?.get(e.path);
    // The route kept from before (same ends, nothing it looked at changed) between the very same
    // boxes: its points are the ones drawn before.
    if (
      was &&
      route === memo!.routes.records.get(e.path)?.points &&
      from === memo!.scene.boxes.get(e.from) &&
      to === memo!.scene.boxes.get(e.to)
    )
      return was.points;
    return attach(route, from, to, requestOf.get(e.path)!);
  });
  const labelled = placeLabels(
    routable.map((e, i) => {
      const mark = marks?.get(e.path);
      const req = { id: e.path, text: texts[i]!, points: pointsOf[i]!, from: e.from, to: e.to };
      return mark ? { ...req, mark } : req;
    }),
    new Map(obstacles.map((o) => [o.id, o])),
    { x: LANE.headerWidth + 4, y: 0, width: width - LANE.headerWidth - 4, height },
    memo?.labels,
  );
  const sameGraph = graph === memo?.graph;
  const sceneEdges: SceneEdge[] = routable.map((e, i) => {
    const points = pointsOf[i]!;
    const caption = labelled.placed.get(e.path);
    const text = texts[i]!;
    const dashed = e.kind === 'join' || e.kind === 'deadline';
    const was = edgesBefore?.get(e.path);
    // The same arrows ranked the same way: an arrow closes a loop exactly when it did.
    const loop = sameGraph && was ? was.loop : loops.has(edgeKey(e));
    if (
      was &&
      was.from === e.from &&
      was.to === e.to &&
      was.kind === e.kind &&
      was.label === e.label &&
      was.text === text &&
      was.dashed === dashed &&
      was.loop === loop &&
      samePoints(was.points, points) &&
      sameCaption(was.caption, caption)
    )
      return was;
    const edge: SceneEdge = { ...e, id: e.path, text, points, dashed, loop };
    if (caption) edge.caption = caption;
    return edge;
  });
  const scene: Scene = keepUnchanged(
    { title: definition.title, lanes, boxes, edges: sceneEdges, width, height, layout },
    memo?.scene,
  );
  // Only the shapes this scene uses are kept, so the memo does not grow with every edit.
  memos.set(scene, {
    shapes: cache.next,
    boxShapes: placed.shapes,
    graph,
    routes: routed.memo,
    labels: labelled.memo,
    scene,
  });
  return scene;
}

/**
 * Where each arrow leaves and enters: arrows leaving one box spread down its right side in the
 * order of their targets' heights (and arrows entering, down the left side by their sources'), so
 * no two share a port. Routing starts at the box's edge; `attach` then joins the route to the shape.
 */
function portsFor(
  boxes: Map<string, SceneBox>,
  edges: readonly Edge[],
  texts: readonly string[],
): RouteRequest[] {
  const outOf = new Map<string, Edge[]>();
  const into = new Map<string, Edge[]>();
  for (const e of edges) {
    (outOf.get(e.from) ?? outOf.set(e.from, []).get(e.from)!).push(e);
    (into.get(e.to) ?? into.set(e.to, []).get(e.to)!).push(e);
  }
  // Each box's arrows sorted once (not once per arrow: an End with hundreds of arrows into it).
  const places = new Map<Edge, { out: number; in: number }>();
  const rank = (list: Edge[], other: (e: Edge) => SceneBox, side: 'out' | 'in') => {
    const sorted = [...list].sort((a, b) => other(a).anchorY - other(b).anchorY || other(a).x - other(b).x);
    sorted.forEach((e, i) => {
      const place = places.get(e) ?? places.set(e, { out: 0, in: 0 }).get(e)!;
      place[side] = i;
    });
  };
  for (const list of outOf.values()) rank(list, (x) => boxes.get(x.to)!, 'out');
  for (const list of into.values()) rank(list, (x) => boxes.get(x.from)!, 'in');
  const offset = (list: Edge[], at: number, box: SceneBox) => {
    const n = list.length;
    const spacing = Math.min(PORT_SPACING, (box.shape.height - 8) / Math.max(1, n - 1));
    return (at - (n - 1) / 2) * spacing;
  };
  return edges.map((e, i) => {
    const from = boxes.get(e.from)!;
    const to = boxes.get(e.to)!;
    const dy1 = offset(outOf.get(e.from)!, places.get(e)!.out, from);
    const dy2 = offset(into.get(e.to)!, places.get(e)!.in, to);
    const caption = texts[i];
    return {
      id: e.path,
      from: e.from,
      to: e.to,
      start: { x: from.x + from.width, y: Math.round(from.anchorY + dy1) },
      end: { x: to.x, y: Math.round(to.anchorY + dy2) },
      ...(caption ? { lead: labelSize(caption).width + 12 } : {}),
    };
  });
}

/** The x where a horizontal line at `y` meets the shape's outline, on its right or left side. */
function outlineX(box: SceneBox, y: number, side: 'right' | 'left'): number {
  const s = box.shape;
  const cy = s.y + s.height / 2;
  const dy = Math.min(Math.abs(y - cy), s.height / 2);
  const sign = side === 'right' ? 1 : -1;
  const edge = side === 'right' ? s.x + s.width : s.x;
  switch (box.kind) {
    case 'decision':
      return edge - sign * DECISION_POINT * (dy / (s.height / 2));
    case 'wait': {
      const r = s.height / 2;
      return edge - sign * (r - Math.sqrt(Math.max(0, r * r - dy * dy)));
    }
    case 'end': {
      const r = s.width / 2;
      return s.x + r + sign * Math.sqrt(Math.max(0, r * r - dy * dy));
    }
    default:
      return edge;
  }
}

/** How far a decision's left and right points stick out from its flat top and bottom. */
export const DECISION_POINT = 16;

function attach(points: Point[], from: SceneBox, to: SceneBox, req: RouteRequest): Point[] {
  const out = points.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
  out[0] = { x: Math.round(outlineX(from, req.start.y, 'right')), y: req.start.y };
  out[out.length - 1] = { x: Math.round(outlineX(to, req.end.y, 'left')), y: req.end.y };
  return out;
}
