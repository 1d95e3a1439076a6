import type { SsoGroupsView, SsoStatus } from '@portalflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssoConfigFromEnv } from '../src/sso/config.ts';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';
import { type SsoWorld, ssoWorld } from './support/sso-world.ts';

/**
 * An admin sees how single sign-on is set up on this server, over real HTTP with a real provider
 * (oidc-provider) on its own socket: the issuer and the settings it came from (never the client
 * secret), whether the provider answers now, and who changed the group mapping when.
 */

let world: SsoWorld;
beforeAll(async () => {
  world = await ssoWorld();
}, 60_000);
afterAll(async () => {
  await world?.close();
});

const get = async <T>(base: string, path: string, headers: Record<string, string>) => {
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, text: await res.clone().text(), body: (await res.json()) as T };
};

describe('single sign-on status', { timeout: 30_000 }, () => {
  it('names the issuer and the settings, never the secret, and says the provider answers', async () => {
    const admin = await world.t.login('admin');
    const res = await get<SsoStatus>(world.base, '/api/sso/status', admin);
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({
      issuer: world.idp.issuer.endsWith('/') ? world.idp.issuer : `${world.idp.issuer}/`,
      providerName: 'Clinic Directory',
      clientId: world.idp.clientId,
      clientSecretSet: true,
      redirectUri: `${world.base}/api/auth/oidc/callback`,
      groupsClaim: 'groups',
    });
    expect(res.text).not.toContain(world.idp.clientSecret);
    expect(res.body.provider).toMatchObject({ answers: true, problem: null });
    const log = await world.t.store.listAccess({ userId: world.t.user('admin').id });
    expect(log.items.some((e) => e.detail === 'single sign-on status')).toBe(true);
  });

  it('says who changed the group mapping, and when', async () => {
    await world.mapGroups({ nurses: ['triage-nurse'] });
    const admin = await world.t.login('admin');
    const res = await get<SsoGroupsView>(world.base, '/api/sso/groups', admin);
    expect(res.body.changes[0]).toMatchObject({
      actorName: world.t.user('admin').displayName,
      newValue: JSON.stringify({ nurses: ['triage-nurse'] }),
    });
  });

  it('is for admins only', async () => {
    expect((await get(world.base, '/api/sso/status', await world.t.login('lead'))).status).toBe(403);
    expect((await get(world.base, '/api/sso/status', {})).status).toBe(401);
  });
});

describe('single sign-on status, provider not answering or sign-on off', { timeout: 30_000 }, () => {
  let t: TestApp;
  let off: TestApp;
  let listener: Listener;
  let offListener: Listener;
  beforeAll(async () => {
    // Port 9 on this machine: nothing listens there.
    const sso = ssoConfigFromEnv({
      PORTALFLOW_OIDC_ISSUER: 'http://127.0.0.1:9/realms/clinic',
      PORTALFLOW_OIDC_CLIENT_ID: 'portalflow',
      PORTALFLOW_OIDC_REDIRECT_URI: 'http://127.0.0.1:3000/api/auth/oidc/callback',
    });
    t = await makeApp({ config: { sso } });
    off = await makeApp();
    listener = await listen(t.app);
    offListener = await listen(off.app);
  }, 60_000);
  afterAll(async () => {
    await listener?.close();
    await offListener?.close();
    await t?.close();
    await off?.close();
  });

  it('says the provider does not answer, and why, in words', async () => {
    const res = await get<SsoStatus>(listener.base, '/api/sso/status', await t.login('admin'));
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({
      issuer: 'http://127.0.0.1:9/realms/clinic',
      clientSecretSet: false,
    });
    expect(res.body.provider?.answers).toBe(false);
    expect(res.body.provider?.problem).toMatch(/\w+ \w+/);
  });

  it('is null settings and no check when single sign-on is off', async () => {
    const res = await get<SsoStatus>(offListener.base, '/api/sso/status', await off.login('admin'));
    expect(res.body).toEqual({ settings: null, provider: null });
  });
});
