import type { Definition } from '@portalflow/engine';
import { measureSteps } from './boxes.ts';
import { captionOf } from './caption.ts';
import { rectsOverlap } from './geometry.ts';
import { compactLabelSize, labelSize } from './labels.ts';
import { laneOfSteps, laneSpecs } from './lanes.ts';
import type { StoredLayout, StoredPosition } from './layout-format.ts';
import { rankSteps } from './rank.ts';
import { LANE } from './theme.ts';

/**
 * Lays a workflow out left to right inside its lanes. Deterministic (the same definition and pins
 * give the same positions), pure and synchronous: the browser runs it in a worker.
 *
 * Columns come from `rankSteps`. Inside a lane, each column stacks its steps in rows; a step takes
 * the row of the step that leads into it when that row is free, so a lane's main path runs straight.
 * Boxes the lead pinned stay where they are; boxes that would overlap them move down. Every step
 * stays in its lane.
 *
 * The gap after a column is as wide as the labels on arrows leaving it need, each wrapped onto its
 * narrow shape (two or three lines); labels on arrows leaving a step in `roomy` keep their usual
 * width (see `fitColumns`, which finds the steps whose labels had no clean spot near them).
 */
export function layOutColumns(
  definition: Definition,
  layout: StoredLayout,
  roomy: ReadonlySet<string> = new Set(),
): StoredLayout {
  const pinned: Record<string, StoredPosition> = {};
  for (const [id, p] of Object.entries(layout.positions))
    if (p.pinned && definition.steps[id]) pinned[id] = p;
  // A decision, wait, parallel or end stays in the lane it was put in, placed by hand or not: the
  // lane is the lead's choice, the place in it the layout's.
  const laneOf = laneOfSteps(definition, layout);
  const specs = laneSpecs(definition, layout, laneOf);
  const laneIndex = new Map(specs.map((l) => [l.role, l.index]));
  const ids = Object.keys(definition.steps);
  const order = new Map(ids.map((id, i) => [id, i]));
  const shapes = measureSteps(definition);
  const { rank, edges } = rankSteps(definition);

  const preds = new Map<string, string[]>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    const list = preds.get(e.to);
    if (list) list.push(e.from);
    else preds.set(e.to, [e.from]);
  }

  // Rows: per lane, per column, which rows are taken.
  const rowOf = new Map<string, number>();
  const taken = new Map<string, Set<number>>();
  const byRank = new Map<number, string[]>();
  for (const id of ids) {
    const r = rank.get(id)!;
    const list = byRank.get(r);
    if (list) list.push(id);
    else byRank.set(r, [id]);
  }
  const ranks = [...byRank.keys()].sort((a, b) => a - b);
  const key = (lane: string, r: number) => `${lane}\u0000${r}`;
  for (const r of ranks) {
    const members = byRank.get(r)!;
    const weight = (id: string) => {
      const placed = (preds.get(id) ?? []).filter((p) => rowOf.has(p));
      if (placed.length === 0) return Number.POSITIVE_INFINITY;
      return (
        placed.reduce((s, p) => s + (laneIndex.get(laneOf.get(p)!) ?? 0) * 1000 + rowOf.get(p)!, 0) /
        placed.length
      );
    };
    members.sort(
      (a, b) =>
        (laneIndex.get(laneOf.get(a)!) ?? 0) - (laneIndex.get(laneOf.get(b)!) ?? 0) ||
        weight(a) - weight(b) ||
        order.get(a)! - order.get(b)!,
    );
    for (const id of members) {
      const lane = laneOf.get(id)!;
      const k = key(lane, r);
      if (!taken.has(k)) taken.set(k, new Set());
      const rows = taken.get(k)!;
      const samePred = (preds.get(id) ?? []).find((p) => rowOf.has(p) && laneOf.get(p) === lane);
      const want = samePred !== undefined ? rowOf.get(samePred)! : 0;
      let row = want;
      for (let d = 0; rows.has(row); d++) row = want + (d % 2 === 0 ? d / 2 + 1 : -(d + 1) / 2);
      if (row < 0) {
        row = want;
        while (rows.has(row)) row++;
      }
      rows.add(row);
      rowOf.set(id, row);
    }
  }

  // Column x: each column as wide as its widest box.
  const columnWidth = new Map<number, number>();
  for (const id of ids) {
    const r = rank.get(id)!;
    columnWidth.set(r, Math.max(columnWidth.get(r) ?? 0, shapes.get(id)!.width));
  }
  // The gap after a column leaves room for the widest label on an arrow leaving it, wrapped onto
  // its narrow shape: a long outcome takes two or three lines rather than spreading every column.
  const gapAfter = new Map<number, number>();
  for (const e of edges) {
    const caption = captionOf(e, definition);
    if (!caption) continue;
    const r = rank.get(e.from)!;
    const size = roomy.has(e.from) ? labelSize(caption) : compactLabelSize(caption);
    gapAfter.set(r, Math.max(gapAfter.get(r) ?? 0, size.width + 56));
  }
  const columnX = new Map<number, number>();
  let x = LANE.contentLeft;
  for (let r = 0; r <= Math.max(0, ...ranks); r++) {
    columnX.set(r, x);
    if (columnWidth.has(r)) x += columnWidth.get(r)! + Math.max(LANE.columnGap, gapAfter.get(r) ?? 0);
  }

  // Row heights per lane: every box in a row shares the row's arrow line (its anchor).
  const extent = new Map<string, { above: number; below: number }>();
  for (const id of ids) {
    const k = key(laneOf.get(id)!, rowOf.get(id)!);
    const s = shapes.get(id)!;
    const e = extent.get(k) ?? { above: 0, below: 0 };
    extent.set(k, { above: Math.max(e.above, s.anchorY), below: Math.max(e.below, s.height - s.anchorY) });
  }
  const rowLine = new Map<string, number>();
  for (const spec of specs) {
    let top = LANE.padding;
    const rows = [
      ...new Set(ids.filter((id) => laneOf.get(id) === spec.role).map((id) => rowOf.get(id)!)),
    ].sort((a, b) => a - b);
    for (const row of rows) {
      const e = extent.get(key(spec.role, row))!;
      rowLine.set(key(spec.role, row), top + e.above);
      top += e.above + e.below + LANE.rowGap;
    }
  }

  const positions: Record<string, StoredPosition> = {};
  for (const id of ids) {
    const lane = laneOf.get(id)!;
    const s = shapes.get(id)!;
    const r = rank.get(id)!;
    const position: StoredPosition = {
      x: Math.round(columnX.get(r)! + (columnWidth.get(r)! - s.width) / 2),
      y: Math.round(rowLine.get(key(lane, rowOf.get(id)!))! - s.anchorY),
    };
    if (definition.steps[id]!.type !== 'task') position.lane = lane;
    positions[id] = position;
  }
  keepPins(definition, positions, pinned, laneOf, shapes);
  return {
    positions,
    lanes: specs
      .filter((l) => l.role !== '')
      .map((l, i) => {
        const color = layout.lanes.find((s) => s.role === l.role)?.color;
        return color ? { role: l.role, order: i, color } : { role: l.role, order: i };
      }),
  };
}

/** Pinned boxes keep their place; any other box of the same lane that would overlap one moves down. */
function keepPins(
  definition: Definition,
  positions: Record<string, StoredPosition>,
  pinned: Record<string, StoredPosition>,
  laneOf: Map<string, string>,
  shapes: ReturnType<typeof measureSteps>,
): void {
  const pins = Object.keys(pinned);
  if (pins.length === 0) return;
  for (const id of pins) positions[id] = { ...pinned[id]! };
  const rect = (id: string) => ({
    ...positions[id]!,
    width: shapes.get(id)!.width,
    height: shapes.get(id)!.height,
  });
  const others = Object.keys(definition.steps).filter((id) => !pinned[id]);
  for (let pass = 0; pass < 50; pass++) {
    let moved = false;
    for (const id of others) {
      const clash = Object.keys(positions).find(
        (o) =>
          o !== id &&
          laneOf.get(o) === laneOf.get(id) &&
          (pinned[o] || o < id) &&
          rectsOverlap(rect(id), rect(o), 8),
      );
      if (clash === undefined) continue;
      const c = rect(clash);
      positions[id] = { ...positions[id]!, y: Math.round(c.y + c.height + LANE.rowGap) };
      moved = true;
    }
    if (!moved) return;
  }
}
