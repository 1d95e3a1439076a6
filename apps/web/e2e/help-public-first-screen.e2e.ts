import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * A patient opening the clinic's help on a small phone came to ask something, or is worried: the
 * search box and the words about emergencies are on the first screen, before the clinic hours.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("the patients' help on a 360×640 phone", () => {
  for (const [lang, label, word] of [
    ['en', 'Search for help', 'refill'],
    ['es', 'Buscar ayuda', 'resurtido'],
  ] as const)
    it(`shows the search box and the emergency words on the first screen (${lang})`, async () => {
      const b = await openBrowser({ width: 360, height: 640 });
      try {
        await b.page.goto(`${server.url}/help/riverside/${lang}`);
        await b.page.getByTestId('public-hours').waitFor();
        const bottom = async (selector: string) => {
          const box = await b.page.locator(selector).first().boundingBox();
          if (!box) throw new Error(`${selector} is not shown`);
          return box.y + box.height;
        };
        expect(await bottom('.ph-emergency')).toBeLessThanOrEqual(640);
        expect(await bottom('[data-testid="public-search"]')).toBeLessThanOrEqual(640);
        await b.page.getByLabel(label).fill(word);
        // While searching, the answers come straight under the box; the hours stay on the page below them.
        const results = await b.page.getByTestId('public-results').boundingBox();
        const hours = await b.page.getByTestId('public-hours').boundingBox();
        expect(hours!.y).toBeGreaterThan(results!.y);
      } finally {
        await b.close();
      }
    });
});
