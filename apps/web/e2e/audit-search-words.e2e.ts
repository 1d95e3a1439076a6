import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The audit search as an admin or clinic manager first meets it: it speaks of requests (the word on
 * every other screen), not "instances", and every filter's hint is read whole in its box on a laptop
 * and on a wide screen.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('audit search words', () => {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ])
    it(`says "request" and shows every hint whole (${size.width}×${size.height})`, async () => {
      const { page, close } = await openBrowser(size);
      try {
        await signIn(page, server.url, 'admin', PASSWORD);
        await page.getByRole('link', { name: 'Audit', exact: true }).click();
        await page.getByRole('heading', { name: 'Find a request' }).waitFor();
        expect(await page.getByText(/instance/i).count()).toBe(0);
        const cut = await page.locator('input[placeholder]').evaluateAll((inputs) =>
          (inputs as HTMLInputElement[])
            .filter((input) => {
              const style = getComputedStyle(input);
              const context = document.createElement('canvas').getContext('2d')!;
              context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
              const room =
                input.clientWidth -
                Number.parseFloat(style.paddingLeft) -
                Number.parseFloat(style.paddingRight);
              return context.measureText(input.placeholder).width > room;
            })
            .map((input) => input.placeholder),
        );
        expect(cut).toEqual([]);
      } finally {
        await close();
      }
    });
});
