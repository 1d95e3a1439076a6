import type { RunningServer } from '@portalflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestIdp } from '../../server/test/support/idp.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
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
      await setup.stopIdp();
      await status.getByRole('button', { name: 'Check again' }).click();
      await status.getByText('Clinic Directory does not answer').waitFor();
      expect(await status.textContent()).toContain('connection refused');
    } finally {
      await close();
    }
  });
});
