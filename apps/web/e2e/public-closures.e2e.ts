import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closureText } from '../src/help/public/hoursText.ts';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/** A snow day the admin adds this morning reaches the patients' help page at once, in their language. */
const CLINIC = 'riverside';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

interface ClinicHours {
  hours: unknown;
  closures: Array<{ date: string; name?: string }>;
  revision: number;
}

describe('a closure on the public help page', () => {
  it('shows on a phone that opened the page before, as “Clínica cerrada” on the Spanish page', async () => {
    // Two days ahead: in the coming days shown, whatever the hour in the clinic's time zone.
    const date = new Date(testNow() + 2 * 86_400_000).toISOString().slice(0, 10);
    const phone = await openBrowser({ width: 375, height: 812 });
    try {
      await phone.page.goto(`${server.url}/help/${CLINIC}/es`);
      const hours = phone.page.getByTestId('public-hours');
      await hours.waitFor();
      const spanish = closureText({ date }, 'es', 'Clínica cerrada');
      expect(await hours.textContent()).not.toContain(spanish);

      const admin = await apiSession(server.url, 'admin', PASSWORD);
      const current = (await admin<ClinicHours>('GET', '/clinic/hours')).body;
      const saved = await admin('PUT', '/clinic/hours', {
        hours: current.hours,
        closures: [...current.closures, { date, name: 'Snow day' }].sort((a, b) =>
          a.date.localeCompare(b.date),
        ),
        expectedRevision: current.revision,
        reason: 'Snow day',
      });
      expect(saved.status).toBe(200);

      // The patient opens the page again a minute later (here: at once): the snow day is there.
      await phone.page.reload();
      await phone.page.getByTestId('public-closures').getByText(spanish).waitFor({ timeout: 10_000 });
      expect(await phone.page.getByTestId('public-closures').textContent()).not.toContain('Snow day');
      await phone.page.getByTestId('public-hours').scrollIntoViewIfNeeded();
      await screenshot(phone.page, 'help-public-closure-es');

      await phone.page.goto(`${server.url}/help/${CLINIC}/en`);
      await phone.page
        .getByTestId('public-closures')
        .getByText(closureText({ date, name: 'Snow day' }, 'en'))
        .waitFor();
    } finally {
      await phone.close();
    }
  });
});
