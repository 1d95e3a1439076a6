import type { CompareOp, Expr } from './ast.ts';

/**
 * Total evaluation: never throws. Missing paths are `undefined`; a value counts as true only when
 * it is exactly `true`; ordering compares numbers with numbers and strings with strings, and any
 * other pairing is false.
 */

export interface Scope {
  data: unknown;
}

function read(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const seg of path) {
    // Own properties only, so paths can never reach prototypes (`constructor`, `__proto__`).
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, seg)) return undefined;
    try {
      value = (value as Record<string, unknown>)[seg];
    } catch {
      return undefined;
    }
  }
  return value;
}

/** Strict equality, except that a missing value equals `null` (JSON has no `undefined`). */
function same(a: unknown, b: unknown): boolean {
  return a === b || ((a === null || a === undefined) && (b === null || b === undefined));
}

function compare(op: CompareOp, a: unknown, b: unknown): boolean {
  if (op === '==') return same(a, b);
  if (op === '!=') return !same(a, b);
  const comparable =
    (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

export function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'path':
      return read(scope?.data, expr.path);
    case 'not':
      return evaluate(expr.operand, scope) !== true;
    case 'and':
      return evaluate(expr.left, scope) === true && evaluate(expr.right, scope) === true;
    case 'or':
      return evaluate(expr.left, scope) === true || evaluate(expr.right, scope) === true;
    case 'compare':
      return compare(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope));
    case 'in': {
      const list = expr.right.kind === 'list' ? expr.right.items : read(scope?.data, expr.right.path);
      // Membership in something that is not a list is unknown: both `in` and `not in` are false.
      if (!Array.isArray(list)) return false;
      const left = evaluate(expr.left, scope);
      return list.some((item) => same(item, left)) !== expr.negated;
    }
  }
}

/** Whether the expression holds: its value is exactly `true`. */
export function holds(expr: Expr, scope: Scope): boolean {
  return evaluate(expr, scope) === true;
}
