import { type Definition, roleNameIn, stepTitle } from '@portalflow/engine';

/**
 * Steps as a picker lists them: by their titles, as the diagram shows them ("Refill checks, in
 * order"), never by id. Two steps of the same title are told apart by who does them ("Call the
 * patient · Triage nurse"), and by their place in the list when even that is the same.
 */
export function stepNames(definition: Definition, ids: readonly string[]): string[] {
  const titles = ids.map((id) => stepTitle(definition, id));
  const seen = new Map<string, number>();
  for (const title of titles) seen.set(title, (seen.get(title) ?? 0) + 1);
  const named = titles.map((title, i) => {
    if (seen.get(title) === 1) return title;
    const step = definition.steps[ids[i]!];
    return step?.type === 'task' ? `${title} · ${roleNameIn(definition, step.role)}` : title;
  });
  const again = new Map<string, number>();
  for (const name of named) again.set(name, (again.get(name) ?? 0) + 1);
  const counted = new Map<string, number>();
  return named.map((name) => {
    if (again.get(name) === 1) return name;
    const n = (counted.get(name) ?? 0) + 1;
    counted.set(name, n);
    return `${name} (${n} of ${again.get(name)})`;
  });
}
