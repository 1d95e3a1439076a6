import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, ssoConfigFromEnv, startServer } from '@portalflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type TestIdp } from '../../server/test/support/idp.ts';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
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

let idpClosed = false;
afterAll(async () => {
  await server?.close();
  if (!idpClosed) await idp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * An admin sees how single sign-on runs on this server, on the Single sign-on tab of People and
 * accounts: that it is on, the issuer, whether the provider answers now, the settings (read-only: the
 * environment setting to change is named beside each), the group mapping and who changed it when.
 */
describe('single sign-on status', () => {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ])
    it(`says whether it is set up, the issuer, whether the provider answers, and who changed the mapping (${size.width}×${size.height})`, async () => {
      const { page, close } = await openBrowser(size);
      try {
        await signIn(page, server.url, 'admin', PASSWORD);
        await page.getByRole('link', { name: 'Accounts', exact: true }).click();
        await page.getByRole('tab', { name: 'Single sign-on', exact: true }).click();
        const status = page.getByTestId('sso-status');
        await status.getByText('Clinic Directory answers').waitFor();
        const words = (await status.textContent()) ?? '';
        expect(words).toContain('Single sign-on is on');
        expect(words).toContain(idp.issuer);
        expect(words).toContain('PORTALFLOW_OIDC_ISSUER');
        expect(words).toContain('PORTALFLOW_OIDC_GROUPS_CLAIM');
        expect(words).not.toContain(idp.clientSecret);
        // Nothing of the panel is cut at the side.
        expect(await status.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        const change = page.getByTestId('sso-change').first();
        expect(await change.textContent()).toMatch(/by [A-Z]\w+/);
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await close();
      }
    });

  it('says the provider does not answer, and why, when checked again', async () => {
    const { page, close } = await openBrowser({ width: 1366, height: 768 });
    try {
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Accounts', exact: true }).click();
      await page.getByRole('tab', { name: 'Single sign-on', exact: true }).click();
      const status = page.getByTestId('sso-status');
      await status.getByText('Clinic Directory answers').waitFor();
      await idp.close();
      idpClosed = true;
      await status.getByRole('button', { name: 'Check again' }).click();
      await status.getByText('Clinic Directory does not answer').waitFor();
      expect(await status.textContent()).toContain('connection refused');
    } finally {
      await close();
    }
  });
});
