/**
 * The layout stored beside a definition (never inside it, so moving a box never changes the
 * workflow's meaning or version hash): `{ positions: { stepId: { x, y, lane?, pinned? } }, lanes:
 * [{ role, order, color? }] }`. `x` is absolute, `y` is measured from the top of the step's lane.
 * `pinned` marks a box the lead placed by hand: auto layout leaves it where it is.
 */
export interface StoredPosition {
  x: number;
  y: number;
  lane?: string;
  pinned?: boolean;
}

export interface StoredLane {
  role: string;
  order: number;
  color?: string;
}

export interface StoredLayout {
  positions: Record<string, StoredPosition>;
  lanes: StoredLane[];
}

export const emptyLayout = (): StoredLayout => ({ positions: {}, lanes: [] });

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a stored layout leniently: a malformed part is dropped (layout is only looks). */
export function readStoredLayout(raw: unknown): StoredLayout {
  const layout = emptyLayout();
  if (!isObject(raw)) return layout;
  if (isObject(raw.positions)) {
    for (const [id, p] of Object.entries(raw.positions)) {
      if (!isObject(p) || !Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      const position: StoredPosition = { x: p.x as number, y: p.y as number };
      if (typeof p.lane === 'string') position.lane = p.lane;
      if (p.pinned === true) position.pinned = true;
      layout.positions[id] = position;
    }
  }
  if (Array.isArray(raw.lanes)) {
    raw.lanes.forEach((l, i) => {
      if (!isObject(l) || typeof l.role !== 'string') return;
      const lane: StoredLane = { role: l.role, order: typeof l.order === 'number' ? l.order : i };
      if (typeof l.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(l.color)) lane.color = l.color;
      layout.lanes.push(lane);
    });
  }
  return layout;
}
