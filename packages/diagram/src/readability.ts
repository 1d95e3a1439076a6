import type { TextBlock } from './boxes.ts';
import { type Point, type Rect, rectsOverlap, segmentCrossesRect } from './geometry.ts';
import type { Scene } from './scene.ts';
import { baseline, textRoom } from './svg.ts';
import { textWidth } from './text.ts';
import { LANE, MIN_TEXT_SIZE } from './theme.ts';

/**
 * What a reader of a diagram sees, reduced to what can be checked: boxes, arrows, arrow labels and
 * lines of text. Built from a scene or read back from the SVG drawn from it (the two must agree).
 */
export interface Drawing {
  headerWidth: number;
  lanes: Array<{ role: string } & Rect>;
  boxes: Array<{ id: string; lane: string } & Rect>;
  edges: Array<{ id: string; from: string; to: string; loop: boolean; points: Point[] }>;
  labels: Array<{ id: string } & Rect>;
  texts: Array<{ text: string; size: number; weight: number; fit: number; x: number; y: number }>;
}

export interface Readability {
  boxOverlaps: number;
  labelOverlaps: number;
  labelOnBox: number;
  /** Labels another arrow's line runs through (a label may sit on its own arrow). */
  labelOnArrow: number;
  edgesThroughBoxes: number;
  cutText: number;
  tinyText: number;
  backwardArrows: number;
  outsideLane: number;
  underHeader: number;
}

export const readabilityTotal = (r: Readability) => Object.values(r).reduce((s, n) => s + n, 0);

export function drawingOfScene(scene: Scene): Drawing {
  const texts: Drawing['texts'] = [];
  const addBlock = (block: TextBlock, fit: number) => {
    block.lines.forEach((text, i) => {
      texts.push({
        text,
        size: block.style.size,
        weight: block.style.weight,
        fit,
        x: block.x,
        y: baseline(block.y, i, block.style),
      });
    });
  };
  for (const b of scene.boxes.values()) {
    addBlock(b.title, textRoom(b));
    if (b.subtitle) addBlock(b.subtitle, textRoom(b));
  }
  return {
    headerWidth: LANE.headerWidth,
    lanes: scene.lanes.map((l) => ({ role: l.role, x: 0, y: l.y, width: scene.width, height: l.height })),
    boxes: [...scene.boxes.values()].map((b) => ({
      id: b.id,
      lane: b.lane,
      x: b.x,
      y: b.y,
      width: b.width,
      height: b.height,
    })),
    edges: scene.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, loop: e.loop, points: e.points })),
    labels: scene.edges.flatMap((e) =>
      e.caption
        ? [{ id: e.id, x: e.caption.x, y: e.caption.y, width: e.caption.width, height: e.caption.height }]
        : [],
    ),
    texts,
  };
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unesc = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const rectOf = (s: string | undefined): Rect => {
  const [x, y, width, height] = (s ?? '0,0,0,0').split(',').map(Number);
  return { x: x!, y: y!, width: width!, height: height! };
};

/** Reads a drawing back from an SVG made by `sceneSvg` (or any SVG that carries the same attributes). */
export function drawingOfSvg(svg: string): Drawing {
  const drawing: Drawing = {
    headerWidth: Number(attr(/<svg[^>]*>/.exec(svg)?.[0] ?? '', 'data-header-width') ?? 0),
    lanes: [],
    boxes: [],
    edges: [],
    labels: [],
    texts: [],
  };
  for (const m of svg.matchAll(/<g data-lane-band="([^"]*)" data-rect="([^"]*)">/g))
    drawing.lanes.push({ role: unesc(m[1]!), ...rectOf(m[2]) });
  for (const m of svg.matchAll(
    /<g data-step="([^"]*)" data-lane="([^"]*)" data-rect="([^"]*)">(.*?)<\/g>/g,
  )) {
    drawing.boxes.push({ id: unesc(m[1]!), lane: unesc(m[2]!), ...rectOf(m[3]) });
    for (const t of m[4]!.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) drawing.texts.push(textOf(t[1]!, t[2]!));
  }
  for (const m of svg.matchAll(/<path data-edge="([^"]*)"([^>]*)\/>/g)) {
    const tag = m[2]!;
    const points = [...(attr(tag, 'd') ?? '').matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((p) => ({
      x: Number(p[1]),
      y: Number(p[2]),
    }));
    drawing.edges.push({
      id: unesc(m[1]!),
      from: unesc(attr(tag, 'data-from') ?? ''),
      to: unesc(attr(tag, 'data-to') ?? ''),
      loop: attr(tag, 'data-loop') === '1',
      points,
    });
  }
  for (const m of svg.matchAll(/<g data-label="([^"]*)" data-rect="([^"]*)">/g))
    drawing.labels.push({ id: unesc(m[1]!), ...rectOf(m[2]) });
  return drawing;
}

function textOf(tag: string, body: string): Drawing['texts'][number] {
  return {
    text: unesc(body),
    size: Number(attr(tag, 'font-size')),
    weight: Number(attr(tag, 'font-weight') ?? 400),
    fit: Number(attr(tag, 'data-fit') ?? Number.POSITIVE_INFINITY),
    x: Number(attr(tag, 'x')),
    y: Number(attr(tag, 'y')),
  };
}

/**
 * Counts what makes a diagram hard to read: overlapping boxes, labels on labels, on boxes or on
 * another arrow's line, arrows through boxes (other than their own ends), text cut or too wide for
 * its box, text under 10 px, arrows pointing left that close no loop, boxes outside their lane, boxes
 * under the lane headers.
 */
export function readability(d: Drawing): Readability {
  const r: Readability = {
    boxOverlaps: 0,
    labelOverlaps: 0,
    labelOnBox: 0,
    labelOnArrow: 0,
    edgesThroughBoxes: 0,
    cutText: 0,
    tinyText: 0,
    backwardArrows: 0,
    outsideLane: 0,
    underHeader: 0,
  };
  for (let i = 0; i < d.boxes.length; i++)
    for (let j = i + 1; j < d.boxes.length; j++) if (rectsOverlap(d.boxes[i]!, d.boxes[j]!)) r.boxOverlaps++;
  for (let i = 0; i < d.labels.length; i++) {
    for (let j = i + 1; j < d.labels.length; j++)
      if (rectsOverlap(d.labels[i]!, d.labels[j]!)) r.labelOverlaps++;
    for (const b of d.boxes) if (rectsOverlap(d.labels[i]!, b)) r.labelOnBox++;
  }
  for (const label of d.labels) {
    const crossed = d.edges.some(
      (e) =>
        e.id !== label.id && e.points.some((b, k) => k > 0 && segmentCrossesRect(e.points[k - 1]!, b, label)),
    );
    if (crossed) r.labelOnArrow++;
  }
  const byId = new Map(d.boxes.map((b) => [b.id, b]));
  for (const e of d.edges) {
    let through = false;
    for (let k = 1; k < e.points.length && !through; k++) {
      const a = e.points[k - 1]!;
      const b = e.points[k]!;
      for (const box of d.boxes) {
        // An arrow starts and ends on its own boxes' outlines: only its inner segments are checked against them.
        if ((box.id === e.from && k === 1) || (box.id === e.to && k === e.points.length - 1)) continue;
        if (segmentCrossesRect(a, b, box)) {
          through = true;
          break;
        }
      }
    }
    if (through) r.edgesThroughBoxes++;
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (from && to && !e.loop && to.x + to.width / 2 < from.x + from.width / 2) r.backwardArrows++;
  }
  for (const t of d.texts) {
    if (
      t.text.includes('…') ||
      textWidth(t.text, { size: t.size, weight: t.weight >= 600 ? 600 : 400 }) > t.fit + 0.5
    )
      r.cutText++;
    if (t.size < MIN_TEXT_SIZE) r.tinyText++;
  }
  const lanes = new Map(d.lanes.map((l) => [l.role, l]));
  for (const b of d.boxes) {
    const lane = lanes.get(b.lane);
    if (!lane || b.y < lane.y || b.y + b.height > lane.y + lane.height) r.outsideLane++;
    if (b.x < Math.max(d.headerWidth, 1)) r.underHeader++;
  }
  return r;
}
