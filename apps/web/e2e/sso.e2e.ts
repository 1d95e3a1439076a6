import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, ssoConfigFromEnv, startServer } from '@portalflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type TestIdp } from '../../server/test/support/idp.ts';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD } from './support/server.ts';
import { shiftedClock } from './support/time-shift.ts';

/** A free port: the provider must know the app's callback URL before the app listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let idp: TestIdp;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  idp = await startIdp({ redirectUri: `${base}/api/auth/oidc/callback`, postLogoutRedirectUri: `${base}/` });
  idp.accounts.set('nina@clinic.example', {
    sub: 'dir-nina',
    email: 'nina@clinic.example',
    emailVerified: true,
    name: 'Nina Nurse',
    groups: ['clinic-nurses'],
    amr: ['pwd'],
    password: 'directory password',
  });
  idp.accounts.set('walt@clinic.example', {
    sub: 'dir-walt',
    email: 'walt@clinic.example',
    emailVerified: true,
    name: 'Walt Visitor',
    groups: ['visitors'],
    amr: ['pwd'],
    password: 'directory password',
  });
  dir = mkdtempSync(join(tmpdir(), 'pf-e2e-sso-'));
  process.env.PORTALFLOW_DEMO_PASSWORD = PASSWORD;
  server = await startServer({
    port,
    databaseUrl: `file:${join(dir, 'pf.db')}`,
    demo: true,
    quiet: true,
    // At the suite's hour, as the browsers and the authenticator codes are (support/time-shift.ts).
    ...(shiftedClock() ? { clock: shiftedClock() } : {}),
    config: {
      sso: ssoConfigFromEnv({
        PORTALFLOW_OIDC_ISSUER: idp.issuer,
        PORTALFLOW_OIDC_CLIENT_ID: idp.clientId,
        PORTALFLOW_OIDC_CLIENT_SECRET: idp.clientSecret,
        PORTALFLOW_OIDC_REDIRECT_URI: `${base}/api/auth/oidc/callback`,
        PORTALFLOW_OIDC_PROVIDER_NAME: 'Clinic Directory',
        PORTALFLOW_OIDC_SCOPES: 'openid email profile groups',
      }),
    },
  });
  const admin = await apiSession(server.url, 'admin', PASSWORD);
  const mapped = await admin('PUT', '/sso/groups', {
    mapping: [{ group: 'clinic-nurses', roles: ['triage-nurse'] }],
  });
  if (mapped.status !== 200) throw new Error(`mapping: ${mapped.status}`);
});

afterAll(async () => {
  await server?.close();
  await idp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('single sign-on in the browser', () => {
  it('signs a nurse in through the provider’s own page, with the role her group maps to, and out again', async () => {
    const b = await openBrowser();
    try {
      await b.page.goto(server.url);
      await b.page.getByRole('link', { name: 'Sign in with Clinic Directory' }).click();
      // The provider's page, not ours.
      await b.page.waitForURL(`${idp.issuer}/**`);
      await b.page.getByLabel('Email').fill('nina@clinic.example');
      await b.page.getByLabel('Password').fill('directory password');
      await b.page.getByRole('button', { name: 'Sign in' }).click();
      await b.page.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(b.page.url().startsWith(server.url)).toBe(true);
      // Nothing of the sign-in (code, state) is left in the address bar.
      expect(new URL(b.page.url()).search).toBe('');
      const me = await b.page.evaluate(async () => (await fetch('/api/me')).json());
      expect(me.user).toMatchObject({ username: 'nina@clinic.example', roles: ['triage-nurse'] });
      await screenshot(b.page, 'sso-signed-in');

      await b.page.getByRole('button', { name: 'Sign out' }).click();
      // RP-initiated logout: the provider's sign-out page.
      await b.page.waitForURL(`${idp.issuer}/**`);
      const status = await fetch(`${server.url}/api/me`, {
        headers: {
          cookie: (await b.context.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join('; '),
        },
      });
      expect(status.status).toBe(401);
    } finally {
      await b.close();
    }
  });

  it('sends someone whose groups map to no role back to the sign-in page with the reason', async () => {
    const b = await openBrowser();
    try {
      await b.page.goto(server.url);
      await b.page.getByRole('link', { name: 'Sign in with Clinic Directory' }).click();
      await b.page.getByLabel('Email').fill('walt@clinic.example');
      await b.page.getByLabel('Password').fill('directory password');
      await b.page.getByRole('button', { name: 'Sign in' }).click();
      await expect(b.page.getByRole('alert').first().textContent()).resolves.toContain(
        'Your groups at the provider give you no role here',
      );
      // The reason was read once and taken out of the address bar.
      expect(new URL(b.page.url()).search).toBe('');
      await b.page.getByRole('textbox', { name: /^Username/ }).waitFor();
    } finally {
      await b.close();
    }
  });

  it('shows admins the group mapping on the accounts page', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'admin', PASSWORD);
      await b.page.goto(`${server.url}/accounts`);
      await b.page.getByRole('tab', { name: 'Single sign-on', exact: true }).click();
      await expect(b.page.getByRole('textbox', { name: 'Group 1' }).inputValue()).resolves.toBe(
        'clinic-nurses',
      );
      await expect(b.page.getByTestId('sso-groups').textContent()).resolves.toContain('Clinic Directory');
    } finally {
      await b.close();
    }
  });
});
