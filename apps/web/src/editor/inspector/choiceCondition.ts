import { type Definition, dataFields, type Expr, idToWords, parseExpression } from '@portalflow/engine';

/**
 * "When [Payer answer] is [Approved]": a decision condition on one field with choices, picked from
 * lists instead of typed as code. It writes and reads the same text a lead would type, so the text
 * box, lint and the diagram need nothing new; anything else stays in the text box.
 */
export type ChoiceTest = 'is' | 'is not' | 'is empty' | 'is filled';

export interface ChoicePick {
  field: string;
  test: ChoiceTest;
  /** A select's option, or `true`/`false` for a yes/no field; none for "is empty" and "is filled". */
  choice?: string;
}

export interface ChoiceField {
  id: string;
  label: string;
  choices: Array<{ value: string; label: string }>;
}

export const CHOICE_TESTS: readonly ChoiceTest[] = ['is', 'is not', 'is empty', 'is filled'];

const YES_NO = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/** Fields staff answer by choosing (selects with options, yes/no), start form first, each once. */
export function choiceFields(definition: Definition): ChoiceField[] {
  const out: ChoiceField[] = [];
  for (const field of dataFields(definition)) {
    if (field.type === 'boolean') out.push({ id: field.id, label: field.label, choices: YES_NO });
    else if (field.type === 'select' && field.options?.length)
      out.push({
        id: field.id,
        label: field.label,
        // As staff read them on the form.
        choices: field.options.map((o) => ({ value: o, label: idToWords(o) })),
      });
  }
  return out;
}

/** The condition text for a whole pick; null while a choice is still missing. */
export function writeChoice(pick: ChoicePick): string | null {
  const path = /^[A-Za-z_$][\w$]*$/.test(pick.field) ? `data.${pick.field}` : `data[${quote(pick.field)}]`;
  if (pick.test === 'is empty') return `${path} == null`;
  if (pick.test === 'is filled') return `${path} != null`;
  if (pick.choice === undefined) return null;
  const value = pick.choice === 'true' || pick.choice === 'false' ? pick.choice : quote(pick.choice);
  return `${path} ${pick.test === 'is' ? '==' : '!='} ${value}`;
}

/** The pick a condition was written as, or null when the lists cannot show it exactly. */
export function readChoice(when: string, fields: readonly ChoiceField[]): ChoicePick | null {
  let expr: Expr;
  try {
    expr = parseExpression(when);
  } catch {
    return null;
  }
  if (expr.kind !== 'compare' || (expr.op !== '==' && expr.op !== '!=')) return null;
  const { left, right } = expr;
  if (left.kind !== 'path' || left.path.length !== 1 || right.kind !== 'literal') return null;
  const field = fields.find((f) => f.id === left.path[0]);
  if (!field) return null;
  if (right.value === null) return { field: field.id, test: expr.op === '==' ? 'is empty' : 'is filled' };
  const yesNo = field.choices === YES_NO;
  const choice = typeof right.value === 'boolean' && yesNo ? String(right.value) : right.value;
  if (typeof choice !== 'string' || (yesNo && typeof right.value !== 'boolean')) return null;
  if (!field.choices.some((c) => c.value === choice)) return null;
  return { field: field.id, test: expr.op === '==' ? 'is' : 'is not', choice };
}

function quote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
