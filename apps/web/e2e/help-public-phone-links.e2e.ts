import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/browser.ts';
import { look } from './support/look.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * On a phone, a number in an answer ("call the front desk at (555) 010-2000") and the 911 of the
 * emergency words are links that call it with one tap, in both languages: copying digits out of a
 * paragraph on a small screen is where a patient gives up.
 */
const CLINIC = 'riverside';
const NUMBER = '(555) 010-2000';

interface Site {
  entries: Array<{ id: string; language: string; body: string }>;
}

let server: TestServer;
let site: Site;
beforeAll(async () => {
  server = await startTestServer();
  site = (await (await fetch(`${server.url}/api/public/help/${CLINIC}`)).json()) as Site;
});
afterAll(async () => {
  await server?.stop();
});

describe('phone numbers on the public help page', () => {
  for (const lang of ['es', 'en']) {
    it(`are tap-to-call links on a phone (${lang})`, async () => {
      const entry = site.entries.find((e) => e.language === lang && e.body.includes(NUMBER));
      expect(entry).toBeDefined();
      const b = await openBrowser({ width: 360, height: 640, touch: true });
      try {
        await b.page.goto(`${server.url}/help/${CLINIC}/${lang}`);
        const emergency = b.page.locator('.ph-emergency').getByRole('link', { name: '911' });
        expect(await emergency.getAttribute('href')).toBe('tel:911');

        const item = b.page.getByTestId(`public-entry-${entry!.id}`);
        await item.getByRole('button').first().click();
        const call = item.getByTestId('public-answer').getByRole('link', { name: NUMBER });
        await call.first().waitFor();
        await look(item, `help-public-phone-link-${lang}`);
        expect(await call.first().getAttribute('href')).toBe('tel:+15550102000');
      } finally {
        await b.close();
      }
    });
  }
});
