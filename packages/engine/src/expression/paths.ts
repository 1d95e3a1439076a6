import type { Expr } from './ast.ts';

/** The data paths an expression reads, without the `data` root, each once, in source order. */
export function paths(expr: Expr): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  const add = (path: readonly string[]): void => {
    const key = JSON.stringify(path);
    if (!seen.has(key)) {
      seen.add(key);
      out.push([...path]);
    }
  };
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'literal':
        break;
      case 'path':
        add(e.path);
        break;
      case 'not':
        walk(e.operand);
        break;
      case 'and':
      case 'or':
      case 'compare':
        walk(e.left);
        walk(e.right);
        break;
      case 'in':
        walk(e.left);
        if (e.right.kind === 'path') add(e.right.path);
        break;
    }
  };
  walk(expr);
  return out;
}
