import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { settled } from './support/settled.ts';

/**
 * The editor's own help speaks of requests and workflows, as a clinic lead does: what a step kind
 * does, what an end records, what the import button takes. Never "instance" or "definition".
 */

const ENGINE_WORDS = /\b(instances?|definitions?)\b/i;
const WORKFLOW = 'prescription-refill';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('the editor’s help, in the lead’s words', () => {
  it('names requests and workflows in the palette, an end’s outcome and the import button', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${WORKFLOW}`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.locator('.react-flow__node').first().waitFor();

      // The workflow's own name in links, said so, not as an "Id".
      const workflow = page.getByTestId('inspector');
      await workflow.getByText('Name in links and files').waitFor();
      expect(await workflow.textContent()).not.toMatch(/\bids?\b/i);

      const helps: string[] = [];
      for (const kind of ['task', 'decision', 'parallel', 'wait', 'end']) {
        await page.getByTestId(`palette-${kind}`).hover();
        const tip = page.getByRole('tooltip');
        await tip.waitFor();
        helps.push((await tip.textContent()) ?? '');
        await page.mouse.move(0, 0);
        await tip.waitFor({ state: 'detached' });
      }
      expect(helps.join('\n')).toContain('The request is finished');
      expect(helps.join('\n')).not.toMatch(ENGINE_WORDS);

      expect(await page.getByTestId('import-button').getAttribute('aria-label')).not.toMatch(ENGINE_WORDS);
      expect(await page.getByTestId('import-file-input').getAttribute('aria-label')).not.toMatch(
        ENGINE_WORDS,
      );

      // Compare: versions by their names, each one's publishing time read on one line.
      await page.getByTestId('compare-button').click();
      const row = page.getByTestId('version-1');
      await row.waitFor();
      expect(await row.textContent()).toMatch(/^Version 1/);
      expect(await page.getByTestId('compare-from').inputValue()).toMatch(/^Version 1 · /);
      const lines = await row.evaluate((el) => {
        const time = el.querySelector('.pf-time')!;
        const range = document.createRange();
        range.selectNodeContents(time);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      expect(lines).toBe(1);
      await page.getByTestId('compare-close').click();
      await page.getByTestId('version-1').waitFor({ state: 'detached' });
      await settled(page);

      // An end step's inspector: what its outcome records. On a busy machine a first click landing while
      // the canvas is redrawn without the comparison's marks (seen once in a full run) selects nothing:
      // clicked again until the inspector shows the end.
      const inspector = page.getByTestId('inspector');
      const ended = inspector.getByText('How the request ended');
      await expect
        .poll(async () => {
          if ((await ended.count()) === 0) await page.locator('.react-flow__node-end').first().click();
          return ended.isVisible();
        })
        .toBe(true);
      expect(await inspector.textContent()).not.toMatch(ENGINE_WORDS);

      // A new workflow asks for its name in links, not an "Id".
      await page.goto(`${server.url}/workflows`);
      await page.getByRole('button', { name: 'New workflow' }).click();
      const dialog = page.getByRole('dialog', { name: 'New workflow' });
      await dialog.getByTestId('new-workflow-id').waitFor();
      expect(await dialog.textContent()).not.toMatch(/\bids?\b/i);
    } finally {
      await b.close();
    }
  });
});
