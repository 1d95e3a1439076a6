import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ServerConfig } from '../config.ts';

/**
 * The browser's half of a sign-in at the provider: a random secret whose hash keys the state, nonce
 * and PKCE verifier kept on the server. `SameSite=Lax`, unlike the session cookie: the provider sends
 * the browser back with a cross-site navigation, which a `Strict` cookie would not survive.
 */
const name = (config: ServerConfig) => (config.secureCookies ? '__Host-pf_sso' : 'pf_sso');

export const readSsoCookie = (c: Context, config: ServerConfig) => getCookie(c, name(config));

export function writeSsoCookie(c: Context, config: ServerConfig, secret: string, maxAgeMs: number): void {
  setCookie(c, name(config), secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export const clearSsoCookie = (c: Context, config: ServerConfig) =>
  deleteCookie(c, name(config), { path: '/', secure: config.secureCookies });
