// How big a form field's `pattern` and its answers may be: apart from RE2 (field-pattern.ts), so the
// form checks that need only the limits (form.ts) do not bring it.

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
