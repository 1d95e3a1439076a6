import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { CLOCK_YEARS_AHEAD } from './support/time-shift.ts';

/**
 * Auditors read the account change trail in Audit, beside the access log (an access review needs
 * both), and download it. The CSV is named by when the server read it: a computer whose clock is
 * wrong does not date the file by its own.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // An admin gives the front desk a second role: a change an access review looks for.
  const admin = await apiSession(server.url, 'admin', PASSWORD);
  const { body } = await admin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
  const desk = body.users.find((u) => u.username === 'front-desk')!;
  const roles = ['front-desk', 'scheduler'];
  expect((await admin('PATCH', `/users/${desk.id}`, { roles })).status).toBe(200);
  // And a refill coordinator's name is corrected.
  const refills = body.users.find((u) => u.username === 'refill-coordinator')!;
  expect((await admin('PATCH', `/users/${refills.id}`, { displayName: 'Hannah J. Lee' })).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('the account change trail for an auditor', () => {
  it("is under Audit, and its CSV is named by the server's clock, not a browser's years ahead", async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900, at: CLOCK_YEARS_AHEAD });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.getByRole('link', { name: 'Audit' }).click();
      await page.getByRole('tab', { name: 'Account changes' }).click();
      await page.getByRole('heading', { name: 'Account changes' }).waitFor();
      const row = page
        .getByTestId('account-changes')
        .locator('tbody tr')
        .filter({ hasText: 'Dana Whitfield' });
      await row.first().waitFor();
      // By whom, and the roles by the titles the clinic gave them.
      expect(await row.first().textContent()).toContain('Chris Howard');
      expect(await row.first().textContent()).toContain('Scheduling coordinator');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'audit-account-changes');
      // One person's changes: another's change is not among them.
      const rows = page.getByTestId('account-changes').locator('tbody tr');
      const everyone = await rows.count();
      const person = page.getByTestId('account-changes-person');
      await person.click();
      await page.getByRole('option', { name: 'Pat Kim' }).click();
      await page.getByText('No changes recorded yet.').waitFor();
      await person.click();
      await page.getByRole('option', { name: 'Dana Whitfield' }).click();
      await expect.poll(() => rows.count()).toBe(1);
      expect(everyone).toBe(2);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const name = download.suggestedFilename();
      const asOf = /^account-changes-as-of-(\d{4}-\d\d-\d\d)T\d{4}Z\.csv$/.exec(name)?.[1];
      expect(asOf, name).toBeDefined();
      // The server's day (this test's own clock is the server's), give or take midnight.
      expect(Math.abs(Date.parse(asOf!) - Date.now())).toBeLessThan(2 * 86_400_000);
      const [header] = parseCsv(readFileSync((await download.path())!, 'utf8'));
      expect(header).toEqual(['at', 'by', 'account', 'what', 'old', 'new']);
    } finally {
      await close();
    }
  });
});
