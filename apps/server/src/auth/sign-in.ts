import type { Device, SessionStage } from '@portalflow/store';
import type { Context } from 'hono';
import { clientHint } from '../accounts/client-hint.ts';
import type { AppDeps } from '../deps.ts';
import { clientAddress } from '../http/client.ts';
import {
  csrfFor,
  readDeviceCookie,
  readSessionCookie,
  writeDeviceCookie,
  writeSessionCookie,
} from './session.ts';

/**
 * The steps every way of signing in shares (password, second factor, single sign-on): one session
 * code, one cookie, one known-device record.
 */

/** This browser's known-device record, if its cookie names one of `userId`'s devices. */
export async function knownDevice(
  deps: AppDeps,
  c: Context,
  userId: string | undefined,
): Promise<Device | null> {
  const secret = readDeviceCookie(c, deps.config);
  if (!secret || !userId) return null;
  const device = await deps.store.getDevice(secret, deps.clock());
  return device?.userId === userId ? device : null;
}

/** Who the sign-in throttle counts an attempt against: the known device, else the client address. */
export const throttleClient = (deps: AppDeps, c: Context, device: Device | null) =>
  device ? `device:${device.id}` : `ip:${clientAddress(c, deps.config)}`;

/** A new session id for every step of signing in; the session this browser held is revoked. Returns its CSRF token. */
export async function startSession(
  deps: AppDeps,
  c: Context,
  userId: string,
  stage: SessionStage,
): Promise<string> {
  const previous = readSessionCookie(c, deps.config);
  if (previous) {
    const old = await deps.store.getSession(previous, deps.clock());
    if (old) await deps.store.revokeSession(old.session.id);
  }
  const { secret } = await deps.store.createSession({
    userId,
    ttlMs: stage === 'full' ? deps.config.sessionAbsoluteMs : deps.config.signInStepMs,
    at: deps.clock(),
    stage,
    clientHint: clientHint(c.req.header('user-agent')),
  });
  // Last sign-in: when every factor the account needs was given.
  if (stage === 'full') await deps.store.recordSignIn(userId, deps.clock());
  writeSessionCookie(c, deps.config, secret);
  return csrfFor(secret);
}

/** After a full sign-in: this browser becomes (or stays) a known device of the user. */
export async function markDevice(
  deps: AppDeps,
  c: Context,
  userId: string,
  device: Device | null,
  rememberTotp: boolean,
): Promise<void> {
  const at = deps.clock();
  const totpUntil = rememberTotp
    ? new Date(Date.parse(at) + deps.config.totpRememberMs).toISOString()
    : undefined;
  if (device) {
    await deps.store.touchDevice(device.id, totpUntil === undefined ? { at } : { at, totpUntil });
    return;
  }
  const made = await deps.store.createDevice({
    userId,
    ttlMs: deps.config.deviceMs,
    at,
    totpUntil: totpUntil ?? null,
  });
  writeDeviceCookie(c, deps.config, made.secret);
}
