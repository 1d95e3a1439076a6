import { type StoredLayout as Layout, readStoredLayout } from '@portalflow/diagram';
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
 * Where one step sits, and the lane order: the layout format shared with every other output
 * (`@portalflow/diagram`). `y` is measured from the top of the step's lane, so reordering or
 * resizing lanes never moves a box out of its lane; `pinned` marks a box placed by hand.
 */
export type {
  StoredLane as LaneLayout,
  StoredLayout as Layout,
  StoredPosition as StepPosition,
} from '@portalflow/diagram';

export interface EditorDocument {
  definition: Definition;
  layout: Layout;
}

export const emptyLayout = (): Layout => ({ positions: {}, lanes: [] });

/** Reads a stored layout leniently: a malformed part is dropped (layout is only looks). */
export const readLayout = (raw: unknown): Layout => readStoredLayout(raw);

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
