import type { Expr, LiteralValue } from '../../expression/ast.ts';
import { holds } from '../../expression/evaluate.ts';
import { paths } from '../../expression/paths.ts';
import { printExpression } from '../../expression/print.ts';
import { type Condition, conditions } from '../conditions.ts';
import type { Rule } from '../types.ts';

export const branchNeverTaken: Rule = {
  id: 'branch-never-taken',
  severity: 'error',
  description:
    'A decision branch that can never be taken: its condition is always false, or a branch checked before it holds whenever it does.',
  docs: {
    rationale:
      'Branches are checked in order and the first that holds wins, so a branch repeating an earlier one, asking for a choice an earlier branch already takes, or narrowing an earlier condition (`data.urgent and …` after `data.urgent`) never sends a request its way. Only cases that can be seen from the conditions alone are reported.',
    incorrect: `"branches": [{ "when": "data.topic in ['refill', 'billing']", … }, { "when": "data.topic == 'billing'", … }]`,
    correct: `"branches": [{ "when": "data.topic == 'billing'", … }, { "when": "data.topic == 'refill'", … }]`,
  },
  check(ctx, report) {
    const byDecision = new Map<string, Condition[]>();
    for (const c of conditions(ctx)) byDecision.set(c.decision, [...(byDecision.get(c.decision) ?? []), c]);
    for (const branches of byDecision.values()) {
      const earlier: Array<{ index: number; text: string; choices?: Choices; always: boolean }> = [];
      for (const c of branches) {
        const why = reason(c.expr, earlier);
        if (why)
          report({
            path: c.path,
            step: c.decision,
            edge: c.edge,
            message: `${c.name} is never taken: ${why}`,
          });
        const constant = paths(c.expr).length === 0;
        earlier.push({
          index: c.index,
          text: printExpression(c.expr),
          choices: choicesOf(c.expr),
          always: constant && holds(c.expr, { data: {} }),
        });
      }
    }
  },
};

interface Choices {
  field: string;
  values: readonly LiteralValue[];
}

type Earlier = ReadonlyArray<{ index: number; text: string; choices?: Choices; always: boolean }>;

function reason(expr: Expr, earlier: Earlier): string | undefined {
  if (paths(expr).length === 0 && !holds(expr, { data: {} })) return 'its condition is always false';
  const always = earlier.find((e) => e.always);
  if (always) return `branch ${always.index + 1} is checked first and always holds`;
  const parts = new Set(conjuncts(expr).map(printExpression));
  const weaker = earlier.find((e) => parts.has(e.text));
  if (weaker) return `branch ${weaker.index + 1} is checked first and holds whenever it does`;
  const mine = choicesOf(expr);
  if (!mine) return undefined;
  const covering = earlier.filter((e) => e.choices?.field === mine.field);
  const taken = new Set(covering.flatMap((e) => e.choices!.values));
  if (mine.values.length === 0 || !mine.values.every((v) => taken.has(v))) return undefined;
  const used = covering.filter((e) => e.choices!.values.some((v) => mine.values.includes(v)));
  const names = used.map((e) => e.index + 1);
  return names.length === 1
    ? `branch ${names[0]} is checked first and holds whenever it does`
    : `branches ${names.slice(0, -1).join(', ')} and ${names.at(-1)} are checked first and take every choice it asks for`;
}

/** `a and b and c` → [a, b, c]; anything else is one part. */
function conjuncts(expr: Expr): Expr[] {
  return expr.kind === 'and' ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];
}

/** `data.x == 'A'` or `data.x in ['A', 'B']`: the field and the values it takes; otherwise undefined. */
function choicesOf(expr: Expr): Choices | undefined {
  if (expr.kind === 'compare' && expr.op === '==') {
    const [path, literal] = expr.left.kind === 'path' ? [expr.left, expr.right] : [expr.right, expr.left];
    if (path.kind === 'path' && path.path.length === 1 && literal.kind === 'literal')
      return { field: path.path[0]!, values: [literal.value] };
  }
  if (
    expr.kind === 'in' &&
    !expr.negated &&
    expr.left.kind === 'path' &&
    expr.left.path.length === 1 &&
    expr.right.kind === 'list'
  )
    return { field: expr.left.path[0]!, values: expr.right.items };
  return undefined;
}
