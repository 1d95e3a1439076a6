import { PortalflowError } from '../errors.ts';
import type { Expr } from './ast.ts';
import { parseExpression } from './parse.ts';

/**
 * Memoised parsing. Lint runs on every keystroke and decisions are evaluated on every event, so
 * each distinct source is parsed once. Cached trees are frozen because callers share them.
 */

export type CheckResult = { ok: true; expr: Expr } | { ok: false; message: string; position: number };

const MAX_ENTRIES = 5000;
const cache = new Map<string, CheckResult>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function parseUncached(source: string): CheckResult {
  try {
    return { ok: true, expr: deepFreeze(parseExpression(source)) };
  } catch (error) {
    if (!(error instanceof PortalflowError)) return { ok: false, message: String(error), position: 0 };
    const position = (error.details as { position?: number } | undefined)?.position ?? 0;
    return { ok: false, message: error.message, position };
  }
}

/** Parses without throwing: the tree, or the first problem and its 0-based character offset. */
export function checkExpression(source: string): CheckResult {
  if (typeof source !== 'string') return parseUncached(source);
  const hit = cache.get(source);
  if (hit) {
    // Refresh recency: the Map's insertion order doubles as an LRU list.
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const result = parseUncached(source);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(source, result);
  return result;
}

/** The parsed (shared, frozen) tree of a source; throws EXPRESSION_INVALID like `parseExpression`. */
export function compileExpression(source: string): Expr {
  const result = checkExpression(source);
  if (result.ok) return result.expr;
  throw new PortalflowError('EXPRESSION_INVALID', result.message, { position: result.position, source });
}
