import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The demo backs itself up: the admin finds nightly backups on, a first one taken at start, and takes
 * one by hand. A server nobody set up for backups says so in an admin's words.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };

describe('backups', () => {
  it('are on in the demo, into its data folder, with a first one from the start; Back up now makes another', async () => {
    const { page, close } = await openBrowser(WIDE);
    try {
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Backups', exact: true }).click();
      const schedule = page.getByTestId('backups-schedule');
      await schedule.waitFor();
      // The nightly time on the clinic's clock, as every other time on screen.
      expect(await schedule.textContent()).toContain('Every night at 2:00 AM clinic time');
      expect(await schedule.locator('code').first().textContent()).toMatch(/[/\\]backups$/);
      await page.locator('[data-testid="backup-row"][data-status="whole"]').first().waitFor();
      expect(await page.getByTestId('backups-stale').count()).toBe(0);
      expect(await page.getByTestId('backup-alarm').count()).toBe(0);

      await page.getByTestId('backup-now').click();
      await page.getByText('Backup taken').waitFor();
      const byHand = page.locator('[data-testid="backup-row"][data-status="whole"]', {
        hasText: 'taken by hand',
      });
      await byHand.waitFor();
      expect(await byHand.textContent()).toMatch(/taken by hand at \d{1,2}:\d\d (AM|PM)/);
      expect(await page.locator('[data-testid="backup-row"][data-status="whole"]').count()).toBe(2);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'backups');
      // A failed nightly backup is emailed to admins: the page says so and leads to where the address is.
      await schedule.getByRole('link', { name: 'Email notifications' }).click();
      await page.getByTestId('email-admin-always').waitFor();
    } finally {
      await close();
    }
  });

  it('not set up on a clinic’s server: the admin reads what to ask for, the setting is below for whoever runs it', async () => {
    const { page, close } = await openBrowser(WIDE);
    const config = server.server.deps.config;
    const schedule = config.backups;
    try {
      config.backups = null;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Backups', exact: true }).click();
      const off = page.getByTestId('backups-off');
      await off.waitFor();
      expect(await off.textContent()).toContain('Backups are not set up');
      expect(await off.textContent()).toContain('Ask whoever runs the server to choose a backup folder');
      // The words for the server's operator stand apart, in a code block, not in the admin's sentences.
      expect(await off.locator('pre').textContent()).toContain('PORTALFLOW_BACKUP_DIR=');
      expect(await off.locator('p').allTextContents()).not.toContainEqual(
        expect.stringContaining('PORTALFLOW_BACKUP_DIR'),
      );
      expect(await page.getByTestId('backup-now').count()).toBe(0);
      // Off is said on every screen of an admin's, not only here.
      await page.locator('[data-testid="backup-alarm"][data-alarm="off"]').waitFor();
      expect(await page.getByTestId('backup-alarm').textContent()).toBe('Backups off');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'backups-off');
    } finally {
      config.backups = schedule;
      await close();
    }
  });
});
