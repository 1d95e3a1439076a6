import type { RunningServer } from '@portalflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestIdp } from '../../server/test/support/idp.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD } from './support/server.ts';
import { type SsoSetup, startSsoServer } from './support/sso-server.ts';

let setup: SsoSetup;
let idp: TestIdp;
let server: RunningServer;

beforeAll(async () => {
  setup = await startSsoServer();
  ({ idp, server } = setup);
});

afterAll(async () => {
  await setup?.stop();
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
