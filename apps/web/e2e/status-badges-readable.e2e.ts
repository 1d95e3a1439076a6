import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { textContrast } from './support/contrast.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

// WCAG AA for normal text.
const AA = 4.5;

describe('a key or token says whether it is active, readably', () => {
  it('intake keys: the status and the Revoke button are written in a colour that stands out from their own', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      await b.page.getByRole('link', { name: 'Intake keys' }).click();
      await b.page.getByTestId('intake-workflow').click();
      await b.page
        .getByRole('option', { name: /refill/i })
        .first()
        .click();
      await b.page.getByTestId('intake-create').click();
      const row = b.page.getByTestId('intake-row').and(b.page.locator('[data-status="active"]')).first();
      await row.waitFor();
      const status = row.locator('.mantine-Badge-root');
      await expect(status.textContent()).resolves.toMatch(/active/i);
      expect(await textContrast(status)).toBeGreaterThanOrEqual(AA);
      expect(await textContrast(row.getByTestId('intake-revoke'))).toBeGreaterThanOrEqual(AA);
    } finally {
      await b.close();
    }
  });

  it('API tokens: the same', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      await b.page.getByRole('link', { name: 'API tokens' }).click();
      await b.page.getByTestId('token-name').fill('readable status');
      await b.page.getByTestId('token-create').click();
      const row = b.page.getByTestId('token-row').filter({ hasText: 'readable status' });
      await row.waitFor();
      expect(await textContrast(row.getByTestId('token-status'))).toBeGreaterThanOrEqual(AA);
      expect(await textContrast(row.getByTestId('token-revoke'))).toBeGreaterThanOrEqual(AA);
    } finally {
      await b.close();
    }
  });
});
