import { type FormField, idToWords, type TaskStep } from '@portalflow/engine';
import { slugify } from './document.ts';

/**
 * A task's outcomes are named in two places: its `outcomes` (the buttons and where each leads) and
 * the `requiredFor` of its form fields. Renaming or removing one here changes both, so a field
 * required for "deny" does not silently stop being required when the outcome becomes "denied".
 */

/** The form with `rewrite` applied to each field's `requiredFor`; an emptied list is dropped. */
function rewriteRequiredFor(
  form: FormField[] | undefined,
  rewrite: (outcome: string) => string | undefined,
): FormField[] | undefined {
  if (!form?.some((f) => f.requiredFor)) return form;
  return form.map((field) => {
    if (!field.requiredFor) return field;
    const { requiredFor, ...rest } = field;
    const next = requiredFor.map(rewrite).filter((o): o is string => o !== undefined);
    return next.length > 0 ? { ...rest, requiredFor: next } : rest;
  });
}

/** The patch renaming outcome `from` to `to`, keeping the outcomes' order (the order of the buttons). */
export function renameOutcome(step: TaskStep, from: string, to: string): Pick<TaskStep, 'outcomes' | 'form'> {
  const outcomes: Record<string, string> = {};
  for (const [name, target] of Object.entries(step.outcomes)) outcomes[name === from ? to : name] = target;
  return { outcomes, form: rewriteRequiredFor(step.form, (o) => (o === from ? to : o)) };
}

/** The patch removing outcome `name`: its arrow, and its mention in any field's `requiredFor`. */
export function removeOutcome(step: TaskStep, name: string): Pick<TaskStep, 'outcomes' | 'form'> {
  const outcomes = { ...step.outcomes };
  delete outcomes[name];
  return { outcomes, form: rewriteRequiredFor(step.form, (o) => (o === name ? undefined : o)) };
}

export type OutcomeName = { id: string } | { problem: string };

/**
 * The outcome a name typed in words stands for: "Duplicate request" is `duplicate-request`, as the
 * diagram and the buttons staff press read it back. Words that read as the outcome's own id keep it
 * (`needsPriorAuth` stays, though "Needs prior auth" would slug otherwise): only a real rename renames.
 */
export function outcomeFromWords(
  words: string,
  current: string,
  taken: (id: string) => boolean,
): OutcomeName {
  const typed = words.trim();
  if (typed === current || typed === idToWords(current)) return { id: current };
  const id = slugify(typed, '');
  if (id === '') return { problem: 'Name it in letters or digits' };
  if (id === current) return { id };
  if (taken(id)) return { problem: `Already an outcome: “${idToWords(id)}”` };
  return { id };
}
