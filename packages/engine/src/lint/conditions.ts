import { dataFields } from '../data-fields.ts';
import type { FormField } from '../definition.ts';
import type { Expr, LiteralValue } from '../expression/ast.ts';
import { parseExpression } from '../expression/parse.ts';
import type { Edge } from '../graph.ts';
import type { LintContext } from './context.ts';
import { edgeRef, stepName } from './describe.ts';

/** One decision branch's condition, parsed once per lint call for every rule that reads conditions. */
export interface Condition {
  decision: string;
  index: number;
  expr: Expr;
  /** `steps.<decision>.branches.<i>.when`: where the finding points. */
  path: string;
  edge: { from: string; to: string; label: string };
  /** `Decision “Did the payer approve?”, branch 1 (to “Tell the patient it was approved”)`. */
  name: string;
}

/** A field compared with literal values: `data.x == 'A'`, `'A' != data.x`, `data.x in ['A', 'B']`. */
export interface Comparison {
  field: string;
  values: readonly LiteralValue[];
}

const parsedFor = new WeakMap<LintContext, Condition[]>();
const fieldsFor = new WeakMap<LintContext, Map<string, FormField>>();

/**
 * Every branch condition that parses (`invalid-expression` reports the rest), in definition order.
 * Cached on the context: three rules read them, and lint runs on every keystroke.
 */
export function conditions(ctx: LintContext): Condition[] {
  let list = parsedFor.get(ctx);
  if (list) return list;
  list = [];
  for (const { id, step } of ctx.ofKind('decision')) {
    const decision = `Decision ${stepName(ctx.definition, id)}`;
    step.branches.forEach((branch, index) => {
      const expr = parsed(branch.when);
      if (!expr) return;
      const edge: Edge = { from: id, to: branch.to, kind: 'branch', label: branch.when, path: '' };
      const target = ctx.steps.has(branch.to) ? ` (to ${stepName(ctx.definition, branch.to)})` : '';
      list!.push({
        decision: id,
        index,
        expr,
        path: `steps.${id}.branches.${index}.when`,
        edge: edgeRef(edge),
        name: `${decision}, branch ${index + 1}${target}`,
      });
    });
  }
  parsedFor.set(ctx, list);
  return list;
}

// Lint runs on every keystroke, and the same few conditions come back each time: parse each once.
const trees = new Map<string, Expr | null>();

function parsed(when: string): Expr | null {
  let expr = trees.get(when);
  if (expr !== undefined) return expr;
  try {
    expr = parseExpression(when);
  } catch {
    expr = null;
  }
  if (trees.size > 10_000) trees.clear();
  trees.set(when, expr);
  return expr;
}

/** The fields instance data can hold (start form first, then each task's form), by key. */
export function knownFields(ctx: LintContext): Map<string, FormField> {
  let fields = fieldsFor.get(ctx);
  if (!fields) {
    fields = new Map(dataFields(ctx.definition).map((f) => [f.id, f]));
    fieldsFor.set(ctx, fields);
  }
  return fields;
}

/** The top-level fields an expression compares with literal values, in source order. */
export function comparisons(expr: Expr): Comparison[] {
  const out: Comparison[] = [];
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'not':
        walk(e.operand);
        break;
      case 'and':
      case 'or':
        walk(e.left);
        walk(e.right);
        break;
      case 'compare': {
        if (e.op !== '==' && e.op !== '!=') break;
        const [path, literal] =
          e.left.kind === 'path' ? [e.left, e.right] : e.right.kind === 'path' ? [e.right, e.left] : [];
        if (path?.path.length === 1 && literal?.kind === 'literal')
          out.push({ field: path.path[0]!, values: [literal.value] });
        break;
      }
      case 'in':
        if (e.left.kind === 'path' && e.left.path.length === 1 && e.right.kind === 'list')
          out.push({ field: e.left.path[0]!, values: e.right.items });
        break;
      default:
        break;
    }
  };
  walk(expr);
  return out;
}
