import { readFileSync } from 'node:fs';
import { ApiError } from '../http/errors.ts';

/**
 * The password rule (OWASP ASVS 5.0 §6.2): at least 12 characters, up to 1000, any characters,
 * spaces welcome — but not only whitespace, not one of the passwords people pick most (a bundled
 * list, `common-passwords.txt`), not such a password with digits or symbols around it
 * (`password1234`), not a run or repetition (`abcdefghijkl`, `qwertyqwerty`), not a few characters
 * over and over, and not containing the account's username or the product's name. No rules about kinds of characters: length and the list
 * do the work. Applies wherever a password is chosen: new accounts, admin resets, the demo password.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;

/** Words anyone would try first on this product. */
const CONTEXT_WORDS = ['portalflow'];
/** Keyboard rows and alphabets, forwards; runs of these (either way) are refused. */
const RUNS = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7',
];

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  // The list stays in src/ (the compiler copies no text files): this path reaches it from src/auth/
  // and from the compiled dist/auth/ alike.
  common ??= new Set(
    readFileSync(new URL('../../src/auth/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== ''),
  );
  return common;
}

/** Why `password` may not be used (for an account named `usernames`), or null when it may. */
export function passwordProblem(password: string, usernames: readonly string[] = []): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `it must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `it may have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim() === '') return 'it may not be only spaces';
  const lower = password.normalize('NFKC').toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return 'it is one of the most common passwords';
  if (new Set(lower.replace(/\s/g, '')).size < 4) return 'it uses fewer than 4 different characters';
  // A common password with digits, symbols or spaces around it is guessed right after it.
  const core = lower.replace(/^[\d\p{P}\p{S}\s]+|[\d\p{P}\p{S}\s]+$/gu, '');
  if (core !== '' && list.has(core)) return 'it is a common password with digits or symbols added';
  if (/^(.{1,6})\1+$/su.test(lower)) return 'it is a short pattern repeated';
  const squeezed = lower.replace(/\s+/g, '');
  if (RUNS.some((run) => isRun(squeezed, run))) return 'it is a run of keys or letters';
  for (const name of [...usernames, ...CONTEXT_WORDS]) {
    const n = name.toLowerCase();
    if (n.length >= 3 && lower.includes(n)) return 'it may not contain the username or the product name';
  }
  return null;
}

/** Throws 400 PASSWORD_TOO_WEAK with the reason when `password` may not be used. */
export function requireStrongPassword(password: string, usernames: readonly string[] = []): void {
  const problem = passwordProblem(password, usernames);
  if (problem)
    throw new ApiError(
      400,
      'PASSWORD_TOO_WEAK',
      `This password is too weak: ${problem}. A few unrelated words make a good one.`,
    );
}

/** `text` is a stretch of `run` (or of it backwards), wrapping around at its end. */
function isRun(text: string, run: string): boolean {
  const twice = run + run;
  const backwards = [...twice].reverse().join('');
  return twice.includes(text) || backwards.includes(text);
}
