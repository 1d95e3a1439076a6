import { type Definition, ID_MAX_LENGTH, ID_PATTERN, isId } from '@portalflow/engine';
import type { Change } from './changes.ts';
import { slugify, uniqueId } from './document.ts';

/**
 * Step ids come from titles: "Prepare refill" is `prepare-refill`, never `new-task`. Ids are what
 * histories, running instances and migrations name, so an id follows its title only until a published
 * version names it; after that it is fixed and only the title changes. A step added to a workflow
 * that is already published still follows its title until it is published itself.
 */

/** Room for a "-NN" suffix within the engine's id length. */
const BASE_LENGTH = Math.min(60, ID_MAX_LENGTH - 8);

/** A unique id for a step titled `title` (`except` is the step's own id, free to keep). */
export function newStepId(definition: Definition, title: string, except?: string): string {
  const base = slugify(title, 'step').slice(0, BASE_LENGTH).replace(/-+$/, '') || 'step';
  const id = uniqueId(base, (candidate) => candidate !== except && candidate in definition.steps);
  return isId(id) ? id : uniqueId('step', (candidate) => candidate in definition.steps);
}

/**
 * Whether a step's id is fixed: the latest published version names it (`null`: never published).
 * While the published version is not known yet (`undefined`), every id counts as fixed.
 */
export function idIsFixed(id: string, published: Pick<Definition, 'steps'> | null | undefined): boolean {
  if (published === undefined) return true;
  return published !== null && Object.hasOwn(published.steps, id);
}

/**
 * The change that re-slugs a step's id after its title changed (references, start and layout follow
 * through `renameStep`), or none when ids are frozen, the title is blank or the slug is the same.
 */
export function retitleChanges(
  definition: Definition,
  id: string,
  title: string,
  { frozen }: { frozen: boolean },
): { changes: Change[]; id: string } {
  if (frozen || title.trim() === '' || !definition.steps[id]) return { changes: [], id };
  const next = newStepId(definition, title, id);
  if (next === id) return { changes: [], id };
  return { changes: [{ type: 'renameStep', id, newId: next }], id: next };
}

/** The inspector's box for a step's id, as its problems name it. */
export const STEP_ID_LABEL = 'Name in links and files';

/** A step id typed into the inspector: the id to rename to, or why the step cannot take it. */
export type TypedStepId = { id: string } | { error: string; problem: string };

/**
 * Reads a step id typed by the lead for step `id`. `error` is the box's own short message; `problem`
 * names the box and its rule for the Problems panel, in words.
 */
export function readStepId(definition: Definition, id: string, typed: string): TypedStepId {
  if (typed === id) return { id };
  if (!ID_PATTERN.test(typed))
    return {
      error: 'Letters, digits, - and _, starting with a letter or digit',
      problem: `${STEP_ID_LABEL} must be letters, digits, - and _, starting with a letter or digit`,
    };
  if (typed.length > ID_MAX_LENGTH)
    return {
      error: `At most ${ID_MAX_LENGTH} characters`,
      problem: `${STEP_ID_LABEL} must be at most ${ID_MAX_LENGTH} characters`,
    };
  const holder = Object.hasOwn(definition.steps, typed) ? definition.steps[typed] : undefined;
  if (holder)
    return {
      error: 'Another step already uses it',
      problem: `${STEP_ID_LABEL} is already used by step “${holder.title || typed}”`,
    };
  return { id: typed };
}
