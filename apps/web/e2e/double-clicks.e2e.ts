import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A double click acts once: Attach sends the file once, an outcome completes the task once, Back up now
 * takes one backup, and no red "did not work" stands next to the green "done" of the same press.
 */

let server: TestServer;
let backups: string;
beforeAll(async () => {
  server = await startTestServer();
  backups = mkdtempSync(join(tmpdir(), 'pf-e2e-double-backups-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(backups, { recursive: true, force: true });
});

const WIDE = { width: 1440, height: 900 };
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** The page's requests of one kind, sent and answered, so a test can wait until every one has its answer. */
function sent(page: Page, method: string, path: RegExp) {
  const requests: string[] = [];
  const answers: number[] = [];
  const ours = (r: { method(): string; url(): string }) =>
    r.method() === method && path.test(new URL(r.url()).pathname);
  page.on('request', (r) => {
    if (ours(r)) requests.push(r.url());
  });
  page.on('response', (r) => {
    if (ours(r.request())) answers.push(r.status());
  });
  return {
    requests,
    answers,
    /** Every request sent so far has been answered. */
    settled: () => answers.length === requests.length && requests.length > 0,
  };
}

/** A billing question the front desk has in hand: started, then claimed in the browser and open. */
async function claimedQuestion(page: Page, patient: string, question: string): Promise<void> {
  const desk = await apiSession(server.url, 'front-desk', PASSWORD);
  const started = await desk<{ subject: string }>('POST', '/requests', {
    definitionId: 'billing-question',
    data: { patient, channel: 'front-desk', question },
  });
  expect(started.status).toBe(201);
  await signIn(page, server.url, 'front-desk', PASSWORD);
  await page.getByTestId('work-folder-pool-front-desk').click();
  await page.getByTestId('task-list').getByText(started.body.subject).click();
  await page.locator('[data-testid="task-panel"][data-task-id]').waitFor();
  await page.getByTestId('claim-button').click();
  await page.getByTestId('release-button').waitFor();
}

describe('a double click', () => {
  it('on Attach sends the file once and attaches it once', async () => {
    const { page, close } = await openBrowser(WIDE);
    try {
      const uploads = sent(page, 'POST', /\/api\/instances\/[^/]+\/attachments$/);
      await claimedQuestion(page, 'DEMO-6205', 'Asked twice about the April statement');
      const files = page.getByTestId('attachments');
      await files
        .getByTestId('attach-file-input')
        .setInputFiles({ name: 'April statement.pdf', mimeType: 'application/pdf', buffer: PDF });
      await files.getByTestId('attach-file-chosen').waitFor();
      await files.getByTestId('attach-file-confirm').dblclick();
      await files.getByTestId('attachment-row').waitFor();
      await expect.poll(uploads.settled).toBe(true);
      expect(uploads.requests).toHaveLength(1);
      expect(uploads.answers).toEqual([201]);
      expect(await files.getByTestId('attachment-row').count()).toBe(1);
      expect(await files.getByTestId('attach-file-problem').count()).toBe(0);
      expect(await page.getByText('File attached').count()).toBe(1);
    } finally {
      await close();
    }
  });

  it('on an outcome completes the task once: "Completed", and no "Already done elsewhere" beside it', async () => {
    const { page, close } = await openBrowser(WIDE);
    try {
      const completions = sent(page, 'POST', /\/api\/tasks\/[^/]+\/complete$/);
      await claimedQuestion(page, 'DEMO-6206', 'Asked twice about the May statement');
      await page.getByTestId('task-form').getByTestId('form-field-requestType').click();
      await page.getByRole('option', { name: 'Statement question' }).click();
      await page.getByTestId('outcome-button-logged').dblclick();
      await page.getByText('Completed', { exact: true }).first().waitFor();
      await expect.poll(completions.settled).toBe(true);
      expect(completions.requests).toHaveLength(1);
      expect(completions.answers).toEqual([200]);
      expect(await page.getByText('Completed', { exact: true }).count()).toBe(1);
      expect(await page.getByText('Already done elsewhere').count()).toBe(0);
      expect(await page.getByText(/Could not complete/).count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('on Back up now takes one backup, with no "No backup taken" beside "Backup taken"', async () => {
    const config = server.server.deps.config;
    config.backups = {
      dir: backups,
      // The demo's nightly schedule runs in this server: a time that does not come during the test, so
      // the only backups in this folder are the ones pressed for.
      time: '23:59',
      keep: 14,
      databaseUrl: `file:${join(dirname(config.attachmentsDir), 'pf.db')}`,
    };
    const { page, close } = await openBrowser(WIDE);
    try {
      const taken = sent(page, 'POST', /\/api\/backups$/);
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Backups', exact: true }).click();
      await page.getByTestId('backup-now').dblclick();
      await page.getByText('Backup taken', { exact: true }).waitFor();
      await expect.poll(taken.settled).toBe(true);
      expect(taken.requests).toHaveLength(1);
      expect(taken.answers).toEqual([201]);
      expect(await page.getByText('No backup taken').count()).toBe(0);
      await page.locator('[data-testid="backup-row"][data-status="whole"]').waitFor();
      expect(await page.locator('[data-testid="backup-row"]').count()).toBe(1);
      // Pressed again in the same minute: the server refuses a second backup of that minute, and the
      // page says the one just taken stands (or, the minute having turned, takes another) — never red.
      await page.getByTestId('backup-now').click();
      await expect.poll(() => taken.answers.length).toBe(2);
      await page
        .getByText(taken.answers[1] === 409 ? 'Already backed up' : 'Backup taken')
        .first()
        .waitFor();
      expect(await page.getByText('No backup taken').count()).toBe(0);
    } finally {
      await close();
    }
  });
});
