import type { FormField } from './definition.ts';
import { PATTERN_MAX_ANSWER } from './field-pattern-limits.ts';
import { formatMoney, isWholeCents } from './money.ts';

export interface FieldError {
  field: string;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a field must be filled in to finish with `outcome` (a start form has none). */
export function isRequired(field: FormField, outcome?: string): boolean {
  if (field.required) return true;
  return outcome !== undefined && (field.requiredFor?.includes(outcome) ?? false);
}

/**
 * Whether a one-line answer has `pattern`: true or false, or undefined while that cannot be told yet
 * (a browser still fetching the pattern engine: the answer is not held up for it).
 */
export type PatternCheck = (pattern: string, value: string) => boolean | undefined;

/**
 * The checks of `validateForm` (validate-form.ts) with the pattern check given: for a browser that
 * fetches RE2 (~41 kB compressed) only once a form with a pattern is on screen, not with every page.
 * This module does not import `field-pattern.ts`, so a bundle holding it for one screen's sake does
 * not bring RE2 to every screen that shares it.
 */
export function checkAnswers(
  fields: FormField[] | undefined,
  data: Record<string, unknown> | undefined,
  fitsPattern: PatternCheck,
  outcome?: string,
  today?: string,
): FieldError[] {
  if (!fields || fields.length === 0) return [];
  const errors: FieldError[] = [];
  for (const field of fields) {
    const value = data?.[field.id];
    if (value === undefined || value === null || value === '') {
      if (field.required) errors.push({ field: field.id, message: `${field.label} is required` });
      else if (isRequired(field, outcome))
        errors.push({ field: field.id, message: `${field.label} is required to finish as ${outcome}` });
      continue;
    }
    switch (field.type) {
      case 'text':
      case 'textarea':
        if (typeof value !== 'string')
          errors.push({ field: field.id, message: `${field.label} must be text` });
        else if (hasPattern(field) && value.length > PATTERN_MAX_ANSWER)
          errors.push({
            field: field.id,
            message: `${field.label} must be at most ${PATTERN_MAX_ANSWER} characters`,
          });
        else if (hasPattern(field) && fitsPattern(field.pattern, value) === false)
          errors.push({ field: field.id, message: patternMessage(field) });
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          errors.push({ field: field.id, message: `${field.label} must be a number` });
        } else if (field.money && !isWholeCents(value)) {
          errors.push({
            field: field.id,
            message: `${field.label} must be in dollars and cents, such as 1,250.40`,
          });
        } else if (field.whole && !Number.isInteger(value)) {
          errors.push({ field: field.id, message: `${field.label} must be a whole number, such as 12` });
        } else if (field.min !== undefined && value < field.min) {
          errors.push({
            field: field.id,
            message: `${field.label} must be at least ${bound(field, field.min)}`,
          });
        } else if (field.max !== undefined && value > field.max) {
          errors.push({
            field: field.id,
            message: `${field.label} must be at most ${bound(field, field.max)}`,
          });
        }
        break;
      case 'boolean':
        if (typeof value !== 'boolean')
          errors.push({ field: field.id, message: `${field.label} must be yes or no` });
        break;
      case 'select':
        if (typeof value !== 'string' || !(field.options ?? []).includes(value)) {
          errors.push({
            field: field.id,
            message: `${field.label} must be one of: ${(field.options ?? []).join(', ')}`,
          });
        }
        break;
      case 'date':
        if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
          errors.push({ field: field.id, message: `${field.label} must be a date (YYYY-MM-DD)` });
        } else if (today !== undefined && field.dateRange === 'past' && value > today) {
          errors.push({ field: field.id, message: `${field.label} cannot be after today` });
        } else if (today !== undefined && field.dateRange === 'future' && value < today) {
          errors.push({ field: field.id, message: `${field.label} cannot be before today` });
        }
        break;
    }
  }
  return errors;
}

/** Patterns apply to one-line text only (lint reports one elsewhere: `invalid-field-pattern`). */
const hasPattern = (field: FormField): field is FormField & { pattern: string } =>
  field.type === 'text' && field.pattern !== undefined;

function patternMessage(field: FormField): string {
  return field.patternHint
    ? `${field.label} must be ${field.patternHint}`
    : `${field.label} is not in the form this workflow expects`;
}

/** A number field's bound as its answers are written: `$0.00` for an amount of money, `90` otherwise. */
const bound = (field: FormField, n: number): string => (field.money ? formatMoney(n) : String(n));

/** What a credit looks like, said by an amount of money that may be below zero. */
const CREDIT = 'a credit is entered with a minus sign, such as -75.00';

/** What the field checks an answer against, in words; undefined when it takes any answer of its type. */
export function expectedAnswer(field: FormField): string | undefined {
  if (field.type === 'number') {
    const { min, max } = field;
    const range =
      min !== undefined && max !== undefined
        ? `from ${bound(field, min)} to ${bound(field, max)}`
        : min !== undefined
          ? `at least ${bound(field, min)}`
          : max !== undefined
            ? `at most ${bound(field, max)}`
            : undefined;
    if (field.whole) return range ? `a whole number ${range}` : 'a whole number';
    if (!field.money) return range;
    // Whoever types an amount must know whether a credit may be entered, and how.
    if (min !== undefined && min >= 0)
      return min === 0 && max === undefined ? `${range} (no credits)` : range;
    return `${range ?? 'dollars and cents'}; ${CREDIT}`;
  }
  if (field.type === 'date') {
    if (field.dateRange === 'past') return 'today or earlier';
    if (field.dateRange === 'future') return 'today or later';
    return undefined;
  }
  if (!hasPattern(field)) return undefined;
  return field.patternHint ?? 'in a set form';
}
