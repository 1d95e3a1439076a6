import { createHash, randomInt } from 'node:crypto';

/** Unambiguous characters: no 0/O, 1/I/L. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;
const GROUPS = 4;
const GROUP = 6;

/**
 * `XXXXXX-XXXXXX-XXXXXX-XXXXXX` from a CSPRNG: 24 characters from 31, about 119 bits — over the
 * 112 bits above which a lookup secret may be stored with a plain hash (ASVS 6.5.2).
 */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () =>
    Array.from({ length: GROUPS }, () =>
      Array.from({ length: GROUP }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    ).join('-'),
  );
}

/** Stored form: bound to the user, so one user's row is no use for another. */
export function hashRecoveryCode(userId: string, code: string): string {
  const normal = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sha256').update(`recovery:${userId}:${normal}`).digest('hex');
}
