import type { FormField } from '../definition.ts';
import type { CompareOp, Expr, LiteralValue } from '../expression/ast.ts';
import { parseExpression } from '../expression/parse.ts';
import { paths } from '../expression/paths.ts';
import { printExpression } from '../expression/print.ts';
import { idToWords } from './words.ts';

/**
 * A decision branch's condition as staff read it on a diagram: "Labs current: no", "Topic: Refill",
 * "Months since last visit over 12". Fields are named by their form label when it fits on an arrow,
 * else by their key in words; anything the words cannot say exactly (two fields compared, a path into
 * a list) keeps the expression's own text, so a caption never says something the condition does not.
 */
export function conditionWords(when: string, fields: ReadonlyMap<string, FormField>): string {
  if (when.trim() === '') return '(no condition)';
  const known = parsed(when);
  if (!known) return when;
  // The words depend only on the condition and the fields it names: an edit elsewhere keeps them.
  const key = `${when}\u0000${known.names.map((id) => signature(fields.get(id))).join('\u0001')}`;
  let text = said.get(key);
  if (text === undefined) {
    text = new Speaker(fields).say(known.expr) ?? printExpression(known.expr);
    if (said.size > 10_000) said.clear();
    said.set(key, text);
  }
  return text;
}

// A diagram asks again after every edit, for every branch: each condition is parsed once.
const trees = new Map<string, { expr: Expr; names: string[] } | null>();
const said = new Map<string, string>();

function parsed(when: string): { expr: Expr; names: string[] } | null {
  let known = trees.get(when);
  if (known !== undefined) return known;
  try {
    const expr = parseExpression(when);
    known = { expr, names: [...new Set(paths(expr).map((p) => p[0] ?? ''))] };
  } catch {
    known = null;
  }
  if (trees.size > 10_000) trees.clear();
  trees.set(when, known);
  return known;
}

// The choices too: whether a value is one of them decides how it reads.
const signature = (f: FormField | undefined) =>
  f ? `${f.type}:${f.label}:${(f.options ?? []).join('\u0002')}` : '';

/** A label longer than this makes an arrow's caption three lines or more: the key reads shorter. */
const SHORT_LABEL = 28;

const NUMBER_WORDS: Partial<Record<CompareOp, (n: string) => string>> = {
  '>': (n) => `over ${n}`,
  '>=': (n) => `${n} or more`,
  '<': (n) => `under ${n}`,
  '<=': (n) => `${n} or less`,
};

class Speaker {
  constructor(private readonly fields: ReadonlyMap<string, FormField>) {}

  /** Undefined when the words would not be exact. */
  say(expr: Expr): string | undefined {
    switch (expr.kind) {
      case 'and':
      case 'or': {
        const left = this.say(expr.left);
        const right = this.say(expr.right);
        if (left === undefined || right === undefined) return undefined;
        const inner = (e: Expr, text: string) =>
          (e.kind === 'and' || e.kind === 'or') && e.kind !== expr.kind ? `(${text})` : text;
        // A choice list already uses "or" ("Topic: A or B"), so a top-level "or" is set apart.
        const joiner = expr.kind === 'and' ? ' and ' : '; or ';
        return `${inner(expr.left, left)}${joiner}${inner(expr.right, lower(right))}`;
      }
      case 'not':
        if (expr.operand.kind === 'path') return this.flag(expr.operand.path, false);
        return undefined;
      case 'path':
        return this.flag(expr.path, true);
      case 'compare':
        return this.compare(expr.op, expr.left, expr.right);
      case 'in': {
        if (expr.left.kind !== 'path' || expr.right.kind !== 'list') return undefined;
        const name = this.name(expr.left.path);
        if (name === undefined) return undefined;
        const field = this.field(expr.left.path);
        const items = expr.right.items.map((v) => this.value(v, field));
        return `${name}: ${expr.negated ? 'not ' : ''}${orList(items)}`;
      }
      default:
        return undefined;
    }
  }

  private compare(op: CompareOp, left: Expr, right: Expr): string | undefined {
    // `12 < data.x` reads as `data.x > 12`.
    if (left.kind === 'literal' && right.kind === 'path') return this.compare(mirror(op), right, left);
    if (left.kind !== 'path' || right.kind !== 'literal') return undefined;
    const value = right.value;
    if (typeof value === 'boolean' && (op === '==' || op === '!=')) {
      return this.flag(left.path, value === (op === '=='));
    }
    const name = this.name(left.path);
    if (name === undefined) return undefined;
    if (value === null) {
      if (op === '==') return `${name}: empty`;
      if (op === '!=') return `${name} given`;
      return undefined;
    }
    if (typeof value === 'number') {
      const words = NUMBER_WORDS[op];
      if (words) return `${name} ${words(String(value))}`;
      return `${name} ${op === '==' ? 'is' : 'is not'} ${value}`;
    }
    if (typeof value === 'string' && (op === '==' || op === '!=')) {
      const field = this.field(left.path);
      if (field?.type === 'select') return `${name}: ${op === '!=' ? 'not ' : ''}${this.value(value, field)}`;
      return `${name} ${op === '==' ? 'is' : 'is not'} "${value}"`;
    }
    return undefined;
  }

  private flag(path: readonly string[], yes: boolean): string | undefined {
    const name = this.name(path);
    if (name === undefined) return undefined;
    return yes ? name : `${name}: no`;
  }

  private field(path: readonly string[]): FormField | undefined {
    return path.length === 1 ? this.fields.get(path[0]!) : undefined;
  }

  /** Only a top-level field has a name; `data.a.b` keeps the expression. */
  private name(path: readonly string[]): string | undefined {
    if (path.length !== 1) return undefined;
    const field = this.fields.get(path[0]!);
    const label = field?.label.replace(/\s*\([^)]*\)\s*$/, '').trim();
    const name = label && label.length <= SHORT_LABEL ? label : idToWords(path[0]!);
    return name;
  }

  /**
   * A choice in words ("medical-question" → "Medical question"); a value that is not one of the
   * field's choices as written, in quotes, so "approved" against the choice "Approved" shows the
   * mistake (lint's `condition-not-a-choice` names it) instead of reading like the choice.
   */
  private value(v: LiteralValue, field: FormField | undefined): string {
    if (typeof v !== 'string') return String(v);
    const choices = field?.type === 'select' ? field.options : undefined;
    return choices && !choices.includes(v) ? `"${v}"` : idToWords(v);
  }
}

function mirror(op: CompareOp): CompareOp {
  return op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** "Patient's age" → "patient's age" inside a sentence; an acronym ("ID", "BP") keeps its capitals. */
function lower(text: string): string {
  const [a, b] = [text.charAt(0), text.charAt(1)];
  return b && b === b.toUpperCase() && /[A-Z]/.test(b) ? text : a.toLowerCase() + text.slice(1);
}
