import type { Expr, LiteralValue } from './ast.ts';

/** Prints an expression in canonical form (`and`/`or`/`not`, single quotes, minimal parentheses). */

const BARE_NAME = /^[\p{ID_Start}_$][\p{ID_Continue}$]*$/u;
/** Digit segments print as indexes (`[0]`); the parser keeps their text, so `[007]` stays "007". */
const INDEX = /^\d{1,15}$/;

/** Binding strength: a child weaker than its slot needs parentheses. */
const PREC = { or: 1, and: 2, not: 3, compare: 4, in: 4, literal: 5, path: 5 } as const;

export function printString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}'`;
}

export function printLiteral(value: LiteralValue): string {
  if (typeof value === 'string') return printString(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return String(value);
}

export function printPath(path: readonly string[]): string {
  let out = 'data';
  for (const seg of path) {
    if (BARE_NAME.test(seg)) out += `.${seg}`;
    else if (INDEX.test(seg)) out += `[${seg}]`;
    else out += `[${printString(seg)}]`;
  }
  return out;
}

function print(expr: Expr, slot: number): string {
  const text = printNode(expr);
  return PREC[expr.kind] < slot ? `(${text})` : text;
}

function printNode(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return printLiteral(expr.value);
    case 'path':
      return printPath(expr.path);
    case 'not':
      return `not ${print(expr.operand, PREC.not)}`;
    case 'and':
    case 'or':
      // Left-associative: the right operand must bind tighter to come back as the same tree.
      return `${print(expr.left, PREC[expr.kind])} ${expr.kind} ${print(expr.right, PREC[expr.kind] + 1)}`;
    case 'compare':
      return `${print(expr.left, PREC.literal)} ${expr.op} ${print(expr.right, PREC.literal)}`;
    case 'in': {
      const right =
        expr.right.kind === 'list'
          ? `[${expr.right.items.map(printLiteral).join(', ')}]`
          : printPath(expr.right.path);
      return `${print(expr.left, PREC.literal)} ${expr.negated ? 'not in' : 'in'} ${right}`;
    }
  }
}

export function printExpression(expr: Expr): string {
  return print(expr, 0);
}
