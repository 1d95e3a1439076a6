import { totpCode } from '@portalflow/server';
import { testNow } from './time-shift.ts';

/**
 * What a person keeps for each account that uses two-factor sign-in: the authenticator's key, the
 * recovery codes, and the known-device cookie of "remember this browser". Shared by `apiSession`
 * and `signIn`, per server, so tests sign in the way people do without knowing about the second step.
 */
export interface Keeper {
  secret?: string;
  recoveryCodes: string[];
  /** `pf_device=…` */
  device?: string;
  /** The newest 30-second step whose code was used: codes work once. */
  lastStep?: number;
}

const keepers = new Map<string, Keeper>();

export function keeper(baseUrl: string, username: string): Keeper {
  const key = `${baseUrl} ${username}`;
  let found = keepers.get(key);
  if (!found) {
    found = { recoveryCodes: [] };
    keepers.set(key, found);
  }
  return found;
}

/** A code not used before: the current one, or the next one once its 30 seconds begin. */
export async function freshCode(k: Keeper): Promise<string> {
  if (!k.secret) throw new Error('no authenticator key kept for this account');
  let step = Math.floor(testNow() / 30_000);
  if (k.lastStep !== undefined && step <= k.lastStep) {
    await new Promise((resolve) => setTimeout(resolve, (k.lastStep! + 1) * 30_000 - testNow() + 50));
    step = Math.floor(testNow() / 30_000);
  }
  k.lastStep = step;
  return totpCode(k.secret, testNow());
}

export const deviceCookieOf = (setCookies: string[]) =>
  setCookies.find((c) => /^(__Host-)?pf_device=/.test(c))?.split(';')[0];
