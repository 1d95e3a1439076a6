import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * An admin takes a backup off the server from the Backups page: each finished backup downloads as one
 * file, and the page says what that file is and how a clinic gets its data back from it.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('downloading a backup', () => {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ])
    it(`is a button on each finished backup, with what the file is and how to restore it (${size.width}×${size.height})`, async () => {
      const { page, close } = await openBrowser(size);
      try {
        await signIn(page, server.url, 'admin', PASSWORD);
        await page.getByRole('link', { name: 'Backups', exact: true }).click();
        const row = page.locator('[data-testid="backup-row"][data-status="whole"]').first();
        await row.waitFor();
        const link = row.getByRole('link', { name: /^Download/ });
        // Whole on the screen, not cut at the table's edge.
        const box = (await link.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(size.width);
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        expect(download.suggestedFilename()).toMatch(/^portalflow-backup-\d{4}-\d{2}-\d{2}.*\.tar$/);
        const tar = readFileSync((await download.path())!);
        // A tar archive: its first entry is the backup's folder, and it holds the manifest.
        expect(tar.subarray(257, 262).toString()).toBe('ustar');
        expect(tar.toString('latin1')).toContain('backup.json');

        const restore = page.getByTestId('backups-restore');
        const words = (await restore.textContent()) ?? '';
        expect(words).toContain('one .tar file');
        expect(words).toContain('tar -xf');
        expect(words).toContain('portalflow restore');
        expect(words).toContain('--check');
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await close();
      }
    });
});
