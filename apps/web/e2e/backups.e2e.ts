import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** The admin checks the clinic's backups, finds them off, then (once set up) takes one by hand. */

let server: TestServer;
let backups: string;
beforeAll(async () => {
  server = await startTestServer();
  backups = mkdtempSync(join(tmpdir(), 'pf-e2e-backups-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(backups, { recursive: true, force: true });
});

const WIDE = { width: 1366, height: 900 };

describe('backups', () => {
  it('says when they are off and how to turn them on; once on, Back up now makes a whole one', async () => {
    const { page, close } = await openBrowser(WIDE);
    try {
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Backups', exact: true }).click();
      await page.getByTestId('backups-off').waitFor();
      expect(await page.getByTestId('backups-off').textContent()).toContain('PORTALFLOW_BACKUP_DIR');
      expect(await page.getByTestId('backup-now').count()).toBe(0);
      // Off is said on every screen of an admin's, not only here.
      await page.locator('[data-testid="backup-alarm"][data-alarm="off"]').waitFor();
      expect(await page.getByTestId('backup-alarm').textContent()).toBe('Backups off');
      expect(await seriousViolations(page)).toEqual([]);

      // Whoever runs the server sets a backup folder (here: on the running server's configuration).
      const config = server.server.deps.config;
      config.backups = {
        dir: backups,
        time: '02:00',
        keep: 14,
        databaseUrl: `file:${join(dirname(config.attachmentsDir), 'pf.db')}`,
      };
      await page.reload();
      await page.getByTestId('backups-schedule').waitFor();
      // The nightly time on the clinic's clock, as every other time on screen.
      expect(await page.getByTestId('backups-schedule').textContent()).toContain(
        'Every night at 2:00 AM clinic time',
      );
      // No whole backup yet: said in red, with what to do, and in the header on every screen.
      await page.getByTestId('backups-stale').waitFor();
      await page.locator('[data-testid="backup-alarm"][data-alarm="stale"]').waitFor();
      await page.getByTestId('backup-now').click();
      await page.getByText('Backup taken').waitFor();
      const row = page.locator('[data-testid="backup-row"][data-status="whole"]');
      await row.waitFor();
      expect(await row.textContent()).toMatch(/taken by hand at \d{1,2}:\d\d (AM|PM)/);
      await expect.poll(() => page.getByTestId('backups-stale').count()).toBe(0);
      await expect.poll(() => page.getByTestId('backup-alarm').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'backups');
      // A failed nightly backup is emailed to admins: the page says so and leads to where the address is.
      await page.getByTestId('backups-schedule').getByRole('link', { name: 'Email notifications' }).click();
      await page.getByTestId('email-admin-always').waitFor();
    } finally {
      await close();
    }
  });
});
