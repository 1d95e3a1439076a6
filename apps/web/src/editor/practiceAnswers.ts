import { compilePattern, type FormField } from '@portalflow/engine';
import type { FormValues } from '../work/form.ts';

/** What a right answer looks like, from a hint: "a chart number such as DEMO-5001" → DEMO-5001. */
const HINT_EXAMPLE = /such as\s+(?:'([^']+)'|"([^"]+)"|([^.;,]+))/gi;
/** The example a help text gives: "e.g. Lipid panel", "e.g. 'Fever 101.5 and sore throat'". */
const HELP_EXAMPLE = /(?:e\.g\.|for example)\s+(?:'([^']+)'|"([^"]+)"|([^.;,]+))/gi;

function examplesIn(text: string | undefined, pattern: RegExp): string[] {
  if (!text) return [];
  return [...text.matchAll(pattern)].map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim()).filter(Boolean);
}

/**
 * Text that fits the field: the example its hint or help shows (the demo's chart number, "Lipid
 * panel"), else words that say it is practice. None when nothing fits its pattern: the lead types one.
 */
function practiceText(field: FormField): string | undefined {
  const compiled = field.type === 'text' && field.pattern ? compilePattern(field.pattern) : undefined;
  const fits = (text: string) => !compiled?.ok || compiled.test(text);
  const candidates = [
    ...examplesIn(field.patternHint, HINT_EXAMPLE),
    ...examplesIn(field.help, HELP_EXAMPLE),
  ];
  if (!field.pattern) candidates.push(`Practice: ${field.label}`);
  return candidates.find(fits);
}

function practiceNumber(field: FormField): number {
  const low = field.min ?? 1;
  const n = Math.max(1, low);
  const within = field.max !== undefined ? Math.min(n, field.max) : n;
  return field.whole ? Math.ceil(within) : within;
}

/** One field's practice answer, as its input holds it; undefined when none fits. */
function practiceAnswer(field: FormField, today: string): unknown {
  switch (field.type) {
    case 'select':
      return field.options?.[0];
    case 'boolean':
      return false;
    case 'number':
      return practiceNumber(field);
    case 'date':
      return today;
    case 'text':
    case 'textarea':
      return practiceText(field);
  }
}

/**
 * The answers a practice run starts with: every field of the start form answered as a lead would
 * expect, so one click plays the first task, and every answer hers to change. `today` is YYYY-MM-DD,
 * which a date field of either range takes.
 */
export function practiceAnswers(fields: readonly FormField[], today: string): FormValues {
  const answers: FormValues = {};
  for (const field of fields) {
    const answer = practiceAnswer(field, today);
    if (answer !== undefined) answers[field.id] = answer;
  }
  return answers;
}
