import { RE2JS } from 're2js';

/**
 * A form field's `pattern`, compiled. RE2 rather than JavaScript's RegExp: a workflow author's
 * expression runs on every start and completion, on the server and in each browser, and a
 * backtracking engine can spend minutes on one crafted answer (`(a+)+b`); RE2 matches in time linear
 * in the answer and has no backreferences or lookarounds to make that possible.
 */
export type CompiledPattern = { ok: true; test: (value: string) => boolean } | { ok: false; reason: string };

/**
 * Linear is not cheap enough on its own: the cost per character grows with the compiled program
 * (`\p{L}{1,1000}` five times over takes seconds on a 10,000-character answer). Programs up to this
 * size, on answers up to `PATTERN_MAX_ANSWER` characters, take at most ~3 ms per check on a 2-core
 * machine, measured on the worst shapes (nested counted repeats of Unicode classes); real formats
 * (a chart number, a phone number) are under 60.
 */
export const PATTERN_MAX_PROGRAM = 500;
/** The longest answer a field with a pattern takes: patterns are for codes, numbers and references. */
export const PATTERN_MAX_ANSWER = 200;

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
