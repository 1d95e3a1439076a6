import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';

// Crockford base32 without look-alikes (no I, L, O, U): easy to read out over the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A one-time set-password code: 20 characters of base32 (100 random bits) in groups of four. Only its
 * SHA-256 is stored; the random bits make a slow hash unnecessary.
 */
export function newSetPasswordCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** Case, spaces and dashes do not matter when a person types the code. */
export function hashSetPasswordCode(code: string): string {
  return sha256Hex(`set-password:${code.toUpperCase().replace(/[\s-]/g, '')}`);
}

/**
 * A new one-time set-password code for the account: stored hashed, valid for `lifetimeMs` (an admin's
 * code `setPasswordCodeMs`), shown or emailed this once; it replaces any unused earlier code.
 */
export async function issueSetPasswordCode(
  deps: AppDeps,
  userId: string,
  actorId: string | null,
  lifetimeMs = deps.config.setPasswordCodeMs,
) {
  const code = newSetPasswordCode();
  const at = deps.clock();
  const expiresAt = new Date(Date.parse(at) + lifetimeMs).toISOString();
  await deps.store.createSetPasswordCode({
    userId,
    codeHash: hashSetPasswordCode(code),
    actorId,
    at,
    expiresAt,
  });
  return { code, expiresAt };
}
