/** The `when` language's syntax tree. Nodes carry no positions, so printing and reparsing is exact. */

export type LiteralValue = string | number | boolean | null;

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: LiteralValue;
}

/** `data.a.b` or `data["a b"]`; `path` excludes the `data` root (an empty path is all of `data`). */
export interface PathExpr {
  readonly kind: 'path';
  readonly path: readonly string[];
}

/** `[1, 'a', null]`: only allowed on the right of `in`. */
export interface ListExpr {
  readonly kind: 'list';
  readonly items: readonly LiteralValue[];
}

export interface NotExpr {
  readonly kind: 'not';
  readonly operand: Expr;
}

export interface LogicalExpr {
  readonly kind: 'and' | 'or';
  readonly left: Expr;
  readonly right: Expr;
}

export interface CompareExpr {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** `left in [...]` / `left not in data.list`. */
export interface InExpr {
  readonly kind: 'in';
  readonly negated: boolean;
  readonly left: Expr;
  readonly right: ListExpr | PathExpr;
}

export type Expr = LiteralExpr | PathExpr | NotExpr | LogicalExpr | CompareExpr | InExpr;
