// One-off: today's (previous) handbook geometry measured by the same readability check.
import { edgeText, parseDefinition, stepTitle } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import { sceneOf as oldScene } from '../../engine/src/handbook/scene.ts';
import { generateDefinition } from '../../engine/test/support/generate.ts';
import { type Drawing, rankSteps, readability, readabilityTotal, textWidth } from '../src/index.ts';
import { edgeKey } from '../src/rank.ts';

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
function wrap(text: string, perLine: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if ((line ? `${line} ${w}` : w).length > perLine && line) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  if (out.length > lines) {
    out.length = lines;
    out[lines - 1] = clip(`${out[lines - 1]}…`, perLine);
  }
  return out;
}
const total = {
  boxOverlaps: 0,
  labelOverlaps: 0,
  labelOnBox: 0,
  edgesThroughBoxes: 0,
  cutText: 0,
  tinyText: 0,
  backwardArrows: 0,
  outsideLane: 0,
  underHeader: 0,
};
const defs = [...workflows.map((w) => parseDefinition(w.definition)), generateDefinition(1000)];
for (const d of defs) {
  const s = oldScene(d);
  const boxes = [...s.boxes.values()];
  const dr: Drawing = {
    headerWidth: 168 - 36,
    lanes: s.lanes.map((l) => ({ role: l.role, x: 0, y: l.y, width: s.width, height: l.height })),
    boxes: boxes.map((b) => ({ id: b.id, lane: b.lane, x: b.x, y: b.y, width: b.width, height: b.height })),
    edges: [],
    labels: [],
    texts: [],
  };
  const loops = rankSteps(d).loops;
  s.edges.forEach((e, i) => {
    const from = s.boxes.get(e.from);
    const to = s.boxes.get(e.to);
    if (!from || !to) return;
    const x1 = from.x + from.width,
      y1 = from.y + from.height / 2,
      x2 = to.x,
      y2 = to.y + to.height / 2;
    const forward = x2 > x1 + 20;
    const mid = forward ? (x1 + x2) / 2 : x1 + 20;
    const pts = forward
      ? [
          { x: x1, y: y1 },
          { x: mid, y: y1 },
          { x: mid, y: y2 },
          { x: x2, y: y2 },
        ]
      : [
          { x: x1, y: y1 },
          { x: mid, y: y1 },
          { x: mid, y: Math.max(from.y + from.height, to.y + to.height) + 18 },
          { x: x2 - 20, y: Math.max(from.y + from.height, to.y + to.height) + 18 },
          { x: x2 - 20, y: y2 },
          { x: x2, y: y2 },
        ];
    dr.edges.push({ id: `e${i}`, from: e.from, to: e.to, loop: loops.has(edgeKey(e)), points: pts });
    const label = clip(edgeText(e), 28);
    const w = textWidth(label, { size: 10, weight: 400 });
    dr.labels.push({ id: `e${i}`, x: mid + 4, y: (y1 + y2) / 2 - 3 - 10, width: w, height: 12 });
    dr.texts.push({ text: label, size: 10, weight: 400, fit: Number.POSITIVE_INFINITY, x: 0, y: 0 });
  });
  for (const b of boxes) {
    const t = stepTitle(d, b.id);
    const lines =
      b.kind === 'task'
        ? wrap(t, 30, 2)
        : [clip(t, b.kind === 'decision' ? 18 : b.kind === 'wait' ? 22 : 28)];
    for (const l of lines)
      dr.texts.push({
        text: l,
        size: 11,
        weight: 600,
        fit: b.kind === 'task' ? b.width - 20 : Number.POSITIVE_INFINITY,
        x: 0,
        y: 0,
      });
  }
  // A loop in the old drawing was never told apart: count only arrows whose target is right before... use the new ranking for fairness.
  const r = readability(dr);
  console.log(d.id, readabilityTotal(r), JSON.stringify(r));
  if (!d.id.startsWith('generated'))
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
}
console.log('examples total', JSON.stringify(total));
