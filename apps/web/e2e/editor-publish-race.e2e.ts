import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Two lead windows publish the same workflow at once: the one that loses is told so (someone else
 * saved) and its header then says which version is live now, not the one it opened on.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WORKFLOW = 'billing-question';

interface Answer {
  draft: { revision: number; definition: { title: string } };
  latest: { version: number } | null;
}

describe('a publish lost to another window', () => {
  it('leaves the header saying the version now live', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${WORKFLOW}`);
      await page.getByTestId('editor-canvas').waitFor();
      await expect.poll(() => page.getByTestId('version-badge').textContent()).toBe('Published · version 1');
      await page.getByTestId('node-log-question').click();
      const amount = page.getByTestId('deadline-amount');
      await amount.fill('2');
      await amount.press('Tab');
      await page.getByTestId('unsaved-indicator').waitFor();

      // The other window saves and publishes first.
      const other = await apiSession(server.url, 'lead', PASSWORD);
      const read = await other<Answer>('GET', `/definitions/${WORKFLOW}`);
      expect(read.body.latest?.version).toBe(1);
      const definition = { ...read.body.draft.definition, title: 'Billing question or statement' };
      expect(
        (await other('PUT', `/definitions/${WORKFLOW}`, { definition, revision: read.body.draft.revision }))
          .status,
      ).toBe(200);
      const published = await other<{ version: { version: number } }>(
        'POST',
        `/definitions/${WORKFLOW}/publish`,
        {},
      );
      expect(published.body.version.version).toBe(2);

      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-summary').waitFor();
      await page.getByTestId('publish-confirm').click();
      const conflict = page.getByRole('dialog', { name: 'Someone else saved this workflow' });
      await conflict.waitFor();
      await conflict.getByRole('button', { name: 'Keep editing' }).click();
      await conflict.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('version-badge').textContent()).toBe('Draft · version 2 live');
    } finally {
      await b.close();
    }
  });
});
