import { type Definition, type FormField, ID_MAX_LENGTH } from '@portalflow/engine';

/**
 * A form field's data key is where its answer is kept in the request's data, and what decisions read.
 * A new field's key comes from its label ("Payer answer" is `payerAnswer`), unique in the whole
 * workflow, so two steps never save their answers under one name by accident. Like a step id, the key
 * follows the label until a published version names it (answers are stored under it from then on),
 * or until the lead types another key by hand.
 */

/** Room for a number suffix within the engine's id length. */
const BASE_LENGTH = ID_MAX_LENGTH - 8;

/** "Payer answer" → `payerAnswer`, "Member ID" → `memberId`; `answer` when no letter or digit is left. */
export function keyOfLabel(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // "Payer’s answer" is `payersAnswer`: an apostrophe joins, it does not split a word.
    .replace(/['’]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  if (words.length === 0) return 'answer';
  const key = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  return key.slice(0, BASE_LENGTH);
}

/** Where a field is: a task's form (`step`) or the start form (`step` undefined), at `index`. */
export interface FieldPlace {
  step: string | undefined;
  index: number;
}

function formAt(definition: Pick<Definition, 'steps' | 'intake'>, step: string | undefined): FormField[] {
  if (step === undefined) return definition.intake?.form ?? [];
  const s = definition.steps[step];
  return s?.type === 'task' ? (s.form ?? []) : [];
}

/** Every data key some form of the workflow writes or the start form asks for. */
function keysOf(definition: Pick<Definition, 'steps' | 'intake'>, except?: FieldPlace): Set<string> {
  const keys = new Set<string>();
  const add = (step: string | undefined, form: FormField[]) =>
    form.forEach((f, i) => {
      if (except && except.step === step && except.index === i) return;
      keys.add(f.id);
    });
  add(undefined, definition.intake?.form ?? []);
  for (const id of Object.keys(definition.steps)) add(id, formAt(definition, id));
  return keys;
}

function unique(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** The key of a new field labelled `label`: its camelCase, numbered when the workflow has it already. */
export function newFieldKey(definition: Pick<Definition, 'steps' | 'intake'>, label: string): string {
  return unique(keyOfLabel(label), keysOf(definition));
}

/** Whether a key is still the one its label gave it (or the editor's old default, `field`, `field-2`). */
function followsLabel(key: string, label: string): boolean {
  const base = keyOfLabel(label);
  return /^field(-\d+)?$/.test(key) || (key.startsWith(base) && /^\d*$/.test(key.slice(base.length)));
}

/**
 * The key of the field at `at` once its label reads `label`: the new label's key while the old one
 * still followed the old label and no published version names it; else the key it has. `published`:
 * the latest published definition, null when never published, undefined while not known yet.
 */
export function keyAfterRelabel(
  definition: Pick<Definition, 'steps' | 'intake'>,
  at: FieldPlace,
  label: string,
  published: Pick<Definition, 'steps' | 'intake'> | null | undefined,
): string | undefined {
  const field = formAt(definition, at.step)[at.index];
  if (!field) return undefined;
  if (published === undefined || (published !== null && keysOf(published).has(field.id))) return field.id;
  if (!followsLabel(field.id, field.label)) return field.id;
  return unique(keyOfLabel(label), keysOf(definition, at));
}
