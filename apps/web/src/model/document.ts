import type { Definition } from '@portalflow/engine';

/**
 * The editor's document: the definition (what the workflow means) and its layout (where boxes sit).
 * Layout never changes the definition, so moving a box never changes the version hash.
 */
export interface Point {
  x: number;
  y: number;
}

/**
 * Where one step sits. `y` is measured from the top of the step's lane, so reordering or resizing
 * lanes never moves a box out of its lane. `lane` is kept only for steps without a role (decision,
 * parallel, wait, end), which sit in whichever lane the designer put them.
 */
export interface StepPosition extends Point {
  lane?: string;
}

export interface LaneLayout {
  /** Role id, or `''` for the lane of tasks without a declared role. */
  role: string;
  color?: string;
  order: number;
}

export interface Layout {
  positions: Record<string, StepPosition>;
  lanes: LaneLayout[];
}

export interface EditorDocument {
  definition: Definition;
  layout: Layout;
}

export const emptyLayout = (): Layout => ({ positions: {}, lanes: [] });

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a stored layout leniently: anything malformed is dropped, not fatal (layout is only looks). */
export function readLayout(raw: unknown): Layout {
  const layout = emptyLayout();
  if (!isObject(raw)) return layout;
  if (isObject(raw.positions)) {
    for (const [id, p] of Object.entries(raw.positions)) {
      if (!isObject(p) || typeof p.x !== 'number' || typeof p.y !== 'number') continue;
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      const position: StepPosition = { x: p.x, y: p.y };
      if (typeof p.lane === 'string') position.lane = p.lane;
      layout.positions[id] = position;
    }
  }
  if (Array.isArray(raw.lanes)) {
    raw.lanes.forEach((l, i) => {
      if (!isObject(l) || typeof l.role !== 'string') return;
      const lane: LaneLayout = { role: l.role, order: typeof l.order === 'number' ? l.order : i };
      if (typeof l.color === 'string') lane.color = l.color;
      layout.lanes.push(lane);
    });
  }
  return layout;
}

/** A minimal valid workflow: one task for one role, ending. Used by "New workflow". */
export function starterDefinition(id: string, title: string): Definition {
  return {
    id,
    title,
    roles: [{ id: 'front-desk', name: 'Front desk', department: 'Front office' }],
    start: 'first-task',
    steps: {
      'first-task': {
        type: 'task',
        role: 'front-desk',
        title: 'First task',
        outcomes: { done: 'finished' },
        help: 'Describe what to do here.',
      },
      finished: { type: 'end', outcome: 'done' },
    },
  };
}

/** Turns a title into a step or workflow id: "Call the patient" → "call-the-patient". */
export function slugify(text: string, fallback = 'step'): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug.length > 0 ? slug : fallback;
}

/** `base`, or `base-2`, `base-3`… — the first id not in `taken`. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken(id)) return id;
  }
}
