import { type Definition, idToWords, stepTitle } from '@portalflow/engine';
import { countOf } from '../shell/plural.ts';

/**
 * The words of the audit replay's note on the open steps off screen (`OpenStepsNote`): how many, and
 * each step's name on its button.
 */

/**
 * What the note starts with: the others open beside the step in view ("1 more open step:"), or, when
 * the view was moved away from every open step, that none is in view ("more" would say one is).
 * Nothing when no open step is off screen.
 */
export function openStepsLead(offScreen: number, inView: number): string | null {
  if (offScreen === 0) return null;
  if (inView > 0) return `${countOf(offScreen, 'more open step', 'more open steps')}:`;
  return offScreen === 2 ? 'Both open steps are off screen:' : `All ${offScreen} open steps are off screen:`;
}

/** A step's name: its title, else words for its kind, else its id in words (never "room-the-patient"). */
export function openStepTitle(definition: Definition, id: string): string {
  const title = stepTitle(definition, id);
  return title === id ? idToWords(id) : title;
}

/**
 * The open steps' names for their buttons; two of the same title ("Review" in two lanes) say whose
 * lane each is in, or the buttons could not be told apart.
 */
export function openStepLabels(definition: Definition, ids: readonly string[]): Map<string, string> {
  const titles = new Map(ids.map((id) => [id, openStepTitle(definition, id)]));
  const repeated = (title: string) => [...titles.values()].filter((t) => t === title).length > 1;
  return new Map(
    ids.map((id) => {
      const title = titles.get(id)!;
      const step = definition.steps[id];
      const role = step && 'role' in step ? definition.roles.find((r) => r.id === step.role) : undefined;
      return [id, repeated(title) && role ? `${title} (${role.name})` : title];
    }),
  );
}
