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
 * The steps every way of signing in shares (password, second factor, single sign-on): one session, one
 * cookie, one known-device record. The first functions work on values (the sign-in service uses them);
 * the ones taking a `Context` read and write the cookies themselves (the single sign-on routes).
 */

/** The known-device record `deviceSecret` names, if it is one of `userId`'s devices. */
export async function findKnownDevice(
  deps: AppDeps,
  deviceSecret: string | undefined,
  userId: string | undefined,
): Promise<Device | null> {
  if (!deviceSecret || !userId) return null;
  const device = await deps.store.getDevice(deviceSecret, deps.clock());
  return device?.userId === userId ? device : null;
}

/** Who the sign-in throttle counts an attempt against: the known device, else the client address. */
export const throttleKey = (device: Device | null, address: string) =>
  device ? `device:${device.id}` : `ip:${address}`;

/** A new session (its secret) for every step of signing in; the session the browser held is revoked. */
export async function openSession(
  deps: AppDeps,
  browser: { sessionSecret: string | undefined; userAgent: string | undefined },
  userId: string,
  stage: SessionStage,
): Promise<string> {
  if (browser.sessionSecret) {
    const old = await deps.store.getSession(browser.sessionSecret, deps.clock());
    if (old) await deps.store.revokeSession(old.session.id);
  }
  const { secret } = await deps.store.createSession({
    userId,
    ttlMs: stage === 'full' ? deps.config.sessionAbsoluteMs : deps.config.signInStepMs,
    at: deps.clock(),
    stage,
    clientHint: clientHint(browser.userAgent),
  });
  // Last sign-in: when every factor the account needs was given.
  if (stage === 'full') await deps.store.recordSignIn(userId, deps.clock());
  return secret;
}

/**
 * After a full sign-in the browser becomes (or stays) a known device of the user; returns the secret
 * of a new device, for its cookie.
 */
export async function rememberDevice(
  deps: AppDeps,
  userId: string,
  device: Device | null,
  rememberTotp: boolean,
): Promise<string | undefined> {
  const at = deps.clock();
  const totpUntil = rememberTotp
    ? new Date(Date.parse(at) + deps.config.totpRememberMs).toISOString()
    : undefined;
  if (device) {
    await deps.store.touchDevice(device.id, totpUntil === undefined ? { at } : { at, totpUntil });
    return undefined;
  }
  const made = await deps.store.createDevice({
    userId,
    ttlMs: deps.config.deviceMs,
    at,
    totpUntil: totpUntil ?? null,
  });
  return made.secret;
}

/** This browser's known-device record, if its cookie names one of `userId`'s devices. */
export const knownDevice = (deps: AppDeps, c: Context, userId: string | undefined) =>
  findKnownDevice(deps, readDeviceCookie(c, deps.config), userId);

export const throttleClient = (deps: AppDeps, c: Context, device: Device | null) =>
  throttleKey(device, clientAddress(c, deps.config));

/** `openSession` for this request's browser, setting the cookie; returns the CSRF token. */
export async function startSession(
  deps: AppDeps,
  c: Context,
  userId: string,
  stage: SessionStage,
): Promise<string> {
  const secret = await openSession(
    deps,
    { sessionSecret: readSessionCookie(c, deps.config), userAgent: c.req.header('user-agent') },
    userId,
    stage,
  );
  writeSessionCookie(c, deps.config, secret);
  return csrfFor(secret);
}

/** `rememberDevice` for this request's browser, setting the cookie of a new device. */
export async function markDevice(
  deps: AppDeps,
  c: Context,
  userId: string,
  device: Device | null,
  rememberTotp: boolean,
): Promise<void> {
  const secret = await rememberDevice(deps, userId, device, rememberTotp);
  if (secret) writeDeviceCookie(c, deps.config, secret);
}
