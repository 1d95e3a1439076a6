import { RE2JS } from 're2js';
import { PATTERN_MAX_PROGRAM } from './field-pattern-limits.ts';

/**
 * A form field's `pattern`, compiled. RE2 rather than JavaScript's RegExp: a workflow author's
 * expression runs on every start and completion, on the server and in each browser, and a
 * backtracking engine can spend minutes on one crafted answer (`(a+)+b`); RE2 matches in time linear
 * in the answer and has no backreferences or lookarounds to make that possible.
 */
export type CompiledPattern = { ok: true; test: (value: string) => boolean } | { ok: false; reason: string };

export { PATTERN_MAX_ANSWER, PATTERN_MAX_PROGRAM } from './field-pattern-limits.ts';

// Patterns come from a handful of published definitions; compiling is ~60 µs, matching ~1 µs.
const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 500;

/** Compiles `pattern` to match whole answers only (as HTML's `pattern` attribute does). */
export function compilePattern(pattern: string): CompiledPattern {
  const known = cache.get(pattern);
  if (known) return known;
  let compiled: CompiledPattern;
  try {
    const re = RE2JS.compile(pattern);
    const size = re.programSize();
    compiled =
      size > PATTERN_MAX_PROGRAM
        ? {
            ok: false,
            reason: `too complex to check quickly (size ${size}, at most ${PATTERN_MAX_PROGRAM}): use fewer or smaller counted repeats, such as {1,30} instead of {1,1000}`,
          }
        : { ok: true, test: (value) => re.matches(value) };
  } catch (error) {
    compiled = { ok: false, reason: reasonOf(error) };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** RE2's message without its "error parsing regexp: " prefix. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp:\s*/, '');
}

/**
 * Whether a one-line answer has `pattern`. A pattern RE2 cannot compile checks nothing: lint
 * (`invalid-field-pattern`) keeps it from being published, and a draft's mistake must not stop work.
 */
export function fitsPattern(pattern: string, value: string): boolean {
  const compiled = compilePattern(pattern);
  return !compiled.ok || compiled.test(value);
}
