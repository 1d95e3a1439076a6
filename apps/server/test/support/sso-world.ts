import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { ServerConfig } from '../../src/config.ts';
import { ssoConfigFromEnv } from '../../src/sso/config.ts';
import { makeApp, type TestApp } from './app.ts';
import { type CookieJar, locationOf } from './cookie-jar.ts';
import { type IdpAccount, startIdp, type TestIdp } from './idp.ts';

/** A free port on 127.0.0.1: the provider must know the app's callback URL before the app starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface SsoWorld {
  t: TestApp;
  idp: TestIdp;
  /** `http://127.0.0.1:PORT` of the app. */
  base: string;
  addAccount(account: Omit<IdpAccount, 'password' | 'amr'> & Partial<IdpAccount>): IdpAccount;
  /** Admin sets the group mapping through the API. */
  mapGroups(mapping: Record<string, string[]>): Promise<void>;
  close(): Promise<void>;
}

/** The app on a real socket, configured (as from the environment) for a real provider on another socket. */
export async function ssoWorld(
  config: Partial<ServerConfig> = {},
  env: Record<string, string> = {},
): Promise<SsoWorld> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startIdp({
    redirectUri: `${base}/api/auth/oidc/callback`,
    postLogoutRedirectUri: `${base}/`,
  });
  const sso = ssoConfigFromEnv({
    PORTALFLOW_OIDC_ISSUER: idp.issuer,
    PORTALFLOW_OIDC_CLIENT_ID: idp.clientId,
    PORTALFLOW_OIDC_CLIENT_SECRET: idp.clientSecret,
    PORTALFLOW_OIDC_REDIRECT_URI: `${base}/api/auth/oidc/callback`,
    PORTALFLOW_OIDC_PROVIDER_NAME: 'Clinic Directory',
    PORTALFLOW_OIDC_SCOPES: 'openid email profile groups',
    ...env,
  });
  const t = await makeApp({ config: { sso, ...config } });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    t,
    idp,
    base,
    addAccount(account) {
      const full: IdpAccount = { password: 'provider password', amr: ['pwd'], ...account };
      idp.accounts.set(full.email ?? full.sub, full);
      return full;
    },
    async mapGroups(mapping) {
      const res = await t.call('PUT', '/api/sso/groups', {
        as: await t.session('admin'),
        body: { mapping: Object.entries(mapping).map(([group, roles]) => ({ group, roles })) },
      });
      if (res.status !== 200) throw new Error(`mapping: ${res.status} ${res.text}`);
    },
    async close() {
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await idp.close();
      await t.close();
    },
  };
}

/** The hops of one sign-in, each of which a test may alter before it is followed. */
export interface FlowHooks {
  /** The provider's authorization URL the app redirected to. */
  authorize?: (url: URL) => void;
  /** The app's callback URL the provider redirected back to. */
  callback?: (url: URL) => void;
  /** Stop before the callback: the browser never goes back to the app (`landing` is null). */
  hold?: boolean;
}

/**
 * One browser signing in through the provider: start at the app, follow every redirect with the
 * jar, fill in the provider's login page, and stop at the app's answer to the callback.
 * Returns that answer's redirect target (`/` or `/?sso_error=…`) and the callback URL used.
 */
export async function signInThroughProvider(
  world: SsoWorld,
  jar: CookieJar,
  login: { email: string; password?: string },
  hooks: FlowHooks = {},
): Promise<{ landing: URL | null; callbackUrl: string }> {
  const isCallback = (u: string) => u.startsWith(`${world.base}/api/auth/oidc/callback`);
  let res = await jar.fetch(`${world.base}/api/auth/oidc/start`);
  if (res.status !== 302) throw new Error(`start: ${res.status} ${await res.text()}`);
  const authorize = new URL(locationOf(res, world.base));
  hooks.authorize?.(authorize);
  let url = authorize.href;
  // To the provider's login page (unless the provider still has a session of this browser).
  for (let hop = 0; hop < 5 && !isCallback(url); hop++) {
    res = await jar.fetch(url);
    if (res.status < 300 || res.status >= 400) break;
    url = locationOf(res, url);
  }
  if (!isCallback(url)) {
    if (res.status !== 200) throw new Error(`provider login page: ${res.status} ${await res.text()}`);
    const page = await res.text();
    const action = /action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error('no login form at the provider');
    res = await jar.fetch(new URL(action, url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        login: login.email,
        password: login.password ?? 'provider password',
      }).toString(),
    });
    url = locationOf(res, url);
    // Back through the provider to the app's callback.
    for (let hop = 0; hop < 5 && !isCallback(url); hop++) {
      res = await jar.fetch(url);
      url = locationOf(res, url);
    }
  }
  const callback = new URL(url);
  hooks.callback?.(callback);
  if (hooks.hold) return { landing: null, callbackUrl: callback.href };
  res = await jar.fetch(callback.href);
  if (res.status !== 302) throw new Error(`callback: ${res.status} ${await res.text()}`);
  return { landing: new URL(locationOf(res, world.base)), callbackUrl: callback.href };
}

/** `GET /api/me` as the browser of `jar`. */
export async function me(world: SsoWorld, jar: CookieJar) {
  const res = await jar.fetch(`${world.base}/api/me`);
  // biome-ignore lint/suspicious/noExplicitAny: response bodies of every shape; tests read them as JSON
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
