/**
 * JSON pointers (RFC 6901), as intake mappings use them to say where a start-form value is found in a
 * message from another system. Pure: parsing and reading only.
 */

/** `""` (the whole document) or `/`-separated tokens where `~` appears only as `~0` or `~1`. */
const POINTER = /^(\/([^~/]|~[01])*)*$/;

/** Why `pointer` is not a JSON pointer, or null when it is one. */
export function pointerProblem(pointer: string): string | null {
  if (pointer === '') return 'points at the whole message, not one value in it';
  if (!pointer.startsWith('/')) return 'must start with "/"';
  if (!POINTER.test(pointer)) return 'uses "~" other than as "~0" (a "~") or "~1" (a "/")';
  return null;
}

/** The reference tokens of a pointer, unescaped (`~1` → `/`, then `~0` → `~`, in that order). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * The value `pointer` names in `document`, or undefined when nothing is there. Only own properties
 * are followed (never `__proto__` or `constructor` of a plain object), array tokens must be indexes.
 */
export function resolvePointer(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(token)) return undefined;
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null) {
      if (!Object.hasOwn(current, token)) return undefined;
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}
