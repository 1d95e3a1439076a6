import { checkExpression } from '@portalflow/engine';

const KEYWORDS = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'in', 'data']);

/**
 * A Camunda-style condition (`${approved && amount > 100}`, JUEL) rewritten in portalflow's `when`
 * language (`data.approved and data.amount > 100`) when that gives a valid expression; undefined
 * when it does not (the caller keeps the original text and warns).
 */
export function rewriteCondition(source: string): string | undefined {
  const inner = source
    .trim()
    .replace(/^[$#]\{([\s\S]*)\}$/, '$1')
    .trim();
  if (inner === '') return undefined;
  // Rewrite outside string literals only.
  const parts = inner.split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/);
  const rewritten = parts
    .map((part, i) => {
      if (i % 2 === 1) return part.startsWith("'") ? `"${part.slice(1, -1).replace(/"/g, '\\"')}"` : part;
      return part
        .replace(/&&/g, ' and ')
        .replace(/\|\|/g, ' or ')
        .replace(/!(?!=)/g, ' not ')
        .replace(/(?<![\w.])([A-Za-z_][A-Za-z0-9_]*)(?![\w(])/g, (name: string) =>
          KEYWORDS.has(name) ? name : `data.${name}`,
        );
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return checkExpression(rewritten).ok ? rewritten : undefined;
}

export function isCondition(source: string): boolean {
  return checkExpression(source).ok;
}
