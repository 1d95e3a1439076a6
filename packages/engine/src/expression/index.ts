export type {
  CompareExpr,
  CompareOp,
  Expr,
  InExpr,
  ListExpr,
  LiteralExpr,
  LiteralValue,
  LogicalExpr,
  NotExpr,
  PathExpr,
} from './ast.ts';
export { type CheckResult, checkExpression, compileExpression } from './compile.ts';
export { evaluate, holds, type Scope } from './evaluate.ts';
export { parseExpression } from './parse.ts';
export { paths } from './paths.ts';
export { printExpression } from './print.ts';
