// The help writer's list of entries on a laptop: every status, reader and date reads whole (the
// Published badge read "Publish…" at 1280 px, squeezed by long questions beside it).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Every piece of text in the entries table that shows less than it holds. */
async function cutTexts(page: Page) {
  return page
    .locator('[data-testid="help-manage-table"] td, [data-testid="help-manage-table"] td *')
    .evaluateAll((els) =>
      els
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && (el.textContent ?? '').trim() !== '')
        .map((el) => el.textContent ?? ''),
    );
}

describe('the help entries table on a laptop', () => {
  for (const width of [1280, 1366])
    it(`cuts no status or date at ${width} px`, async () => {
      const b = await openBrowser({ width, height: 800 });
      try {
        await signIn(b.page, server.url, 'portal-enrollment-specialist', PASSWORD);
        await b.page.goto(`${server.url}/faq`);
        await b.page.getByTestId('help-manage-tab').click();
        await b.page.getByTestId('help-manage-table').getByText('Published').first().waitFor();
        expect(await cutTexts(b.page)).toEqual([]);
      } finally {
        await b.close();
      }
    });
});
