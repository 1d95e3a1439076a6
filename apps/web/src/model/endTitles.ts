import { type Definition, stepTitle } from '@portalflow/engine';

/**
 * A new end step's title. Untitled, every end step whose outcome is "done" reads “End: done”, and two
 * of them cannot be told apart on the diagram or in Problems: each new one gets its own title, for the
 * lead to rename to what it means (“Authorized”, “Not authorized”).
 */
export function newEndTitle(definition: Pick<Definition, 'steps'>): string {
  const titles = new Set(
    Object.keys(definition.steps).map((id) => stepTitle(definition as Definition, id).toLowerCase()),
  );
  if (!titles.has('finished')) return 'Finished';
  for (let n = 2; ; n++) if (!titles.has(`finished ${n}`)) return `Finished ${n}`;
}
