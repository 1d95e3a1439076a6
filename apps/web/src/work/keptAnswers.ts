import type { FormField } from '@portalflow/engine';
import { type FormValues, normalize } from './form.ts';
import { humanize } from './format.ts';

/** One answer typed into a task's form, in words by its field's label. */
export interface KeptAnswer {
  label: string;
  answer: string;
}

/**
 * What the person typed into the form (not what the request already held), each in words: "Yes"/"No"
 * for a yes-or-no question, a choice as its option read, numbers as they were typed. Kept on screen to copy when the task moves away
 * before it was sent; never sent anywhere.
 */
export function keptAnswers(
  fields: readonly FormField[],
  initial: FormValues,
  values: FormValues,
): KeptAnswer[] {
  const kept: KeptAnswer[] = [];
  for (const field of fields) {
    const value = normalize(field, values[field.id]);
    if (value === undefined || value === normalize(field, initial[field.id])) continue;
    // As the form showed it: a choice by its words ("Abnormal"), a number as it was typed ("1,250.40").
    const answer =
      typeof value === 'boolean'
        ? value
          ? 'Yes'
          : 'No'
        : field.type === 'select'
          ? humanize(String(value))
          : String(values[field.id] ?? value).trim();
    if (answer !== '') kept.push({ label: field.label, answer });
  }
  return kept;
}

/** The answers as text to copy: one "Label: answer" a line, longer answers indented under their label. */
export const keptAnswersText = (answers: readonly KeptAnswer[]) =>
  answers.map((a) => `${a.label}: ${a.answer.replace(/\n/g, '\n  ')}`).join('\n');
