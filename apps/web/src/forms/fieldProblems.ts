import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';

/**
 * What the server said about each field of a refused form, by where the field sits in the body sent
 * (`url`, `email`, `days.2.opens`) or, for a workflow's own form (a start form, a task's form), by
 * the field's id. Worded for under the field, whose label is there already.
 */
export type FieldProblems = Readonly<Record<string, string>>;

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/**
 * The refused fields of an error, or null when it names none (it is then said above the form).
 * A refused body's problems (`fields`) lose the field's name they start with ("Name: must not be
 * empty" → "Must not be empty"); a workflow form's (the engine's `details.fields`) are whole
 * sentences already. The first problem said about a field is kept.
 */
export function fieldProblems(error: unknown): FieldProblems | null {
  if (!(error instanceof ApiError)) return null;
  const found: Record<string, string> = {};
  for (const f of error.fields) {
    // An empty path is the whole body: no one field to put it under.
    if (f.path === '' || f.path in found) continue;
    const named = `${f.field}: `;
    found[f.path] = capitalised(f.message.startsWith(named) ? f.message.slice(named.length) : f.message);
  }
  const checked = (error.details as { fields?: unknown } | undefined)?.fields;
  for (const f of Array.isArray(checked) ? (checked as Array<{ field?: unknown; message?: unknown }>) : []) {
    if (typeof f?.field === 'string' && typeof f.message === 'string' && !(f.field in found))
      found[f.field] = f.message;
  }
  return Object.keys(found).length > 0 ? found : null;
}

/** What the server said about the field at `path`, if anything. */
export const fieldProblem = (error: unknown, path: string): string | undefined =>
  fieldProblems(error)?.[path] ?? undefined;

/**
 * The refusal for a form showing the fields at `shown`: the words for its fields (a list's for one of
 * its items too), and the message
 * above the form for a refusal that names none of them (a field the form does not show is said
 * above it, so nothing is lost). `byCode`: a refusal with its own code that is about one field
 * (`TOKEN_LIFETIME_TOO_LONG` → `lifetimeDays`), its message said under that field.
 */
export function refusalOf(
  error: unknown,
  shown: readonly string[],
  byCode: Readonly<Record<string, string>> = {},
): { fields: Record<string, string>; above: string | null } {
  if (error === null || error === undefined) return { fields: {}, above: null };
  const problems = fieldProblems(error) ?? {};
  const fields: Record<string, string> = {};
  for (const path of shown) {
    // A list's item (`tags.3`) is said under the list.
    const at = Object.keys(problems).find((p) => p === path || p.startsWith(`${path}.`));
    if (at) fields[path] = problems[at]!;
  }
  if (error instanceof ApiError) {
    const about = byCode[error.code];
    if (about && shown.includes(about) && !fields[about]) fields[about] = error.message;
  }
  if (Object.keys(fields).length > 0) return { fields, above: null };
  return { fields, above: error instanceof Error ? error.message : 'Could not reach the server' };
}

/**
 * Puts the focus in a form's first refused field: call the function it gives with the refused
 * fields and each field's input id, in the form's order (path → id). The focus moves after the
 * render that shows the refusal, in which a form that was sending enables its fields again (a
 * disabled input cannot take the focus).
 */
export function useFocusFirstRefused(): (
  refused: FieldProblems,
  ids: Readonly<Record<string, string>>,
) => void {
  // A new object each time: the same field refused twice takes the focus again.
  const [target, setTarget] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (target) document.getElementById(target.id)?.focus();
  }, [target]);
  return useCallback((refused, ids) => {
    const first = Object.keys(ids).find((path) => refused[path]);
    if (first) setTarget({ id: ids[first]! });
  }, []);
}
