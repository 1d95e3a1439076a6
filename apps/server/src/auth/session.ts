import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ServerConfig } from '../config.ts';

export const cookieName = (config: ServerConfig) =>
  config.secureCookies ? '__Host-pf_session' : 'pf_session';

/** The known-device cookie: lets the throttle tell the account's own browsers from strangers. */
export const deviceCookieName = (config: ServerConfig) =>
  config.secureCookies ? '__Host-pf_device' : 'pf_device';

/**
 * The CSRF token of a session: derived from the session secret, which only the cookie holds, so a
 * page on another site cannot compute it. Sent back in `X-CSRF-Token` on every unsafe request.
 */
export function csrfFor(secret: string): string {
  return createHash('sha256').update(`csrf:${secret}`).digest('base64url');
}

export function readSessionCookie(c: Context, config: ServerConfig): string | undefined {
  return getCookie(c, cookieName(config));
}

export function writeSessionCookie(c: Context, config: ServerConfig, secret: string): void {
  setCookie(c, cookieName(config), secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: config.secureCookies,
    path: '/',
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  });
}

export function clearSessionCookie(c: Context, config: ServerConfig): void {
  deleteCookie(c, cookieName(config), { path: '/', secure: config.secureCookies });
}

export function readDeviceCookie(c: Context, config: ServerConfig): string | undefined {
  return getCookie(c, deviceCookieName(config));
}

export function writeDeviceCookie(c: Context, config: ServerConfig, secret: string): void {
  setCookie(c, deviceCookieName(config), secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: config.secureCookies,
    path: '/',
    maxAge: Math.floor(config.deviceMs / 1000),
  });
}
