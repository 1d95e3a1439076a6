import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closureText } from '../src/help/public/hoursText.ts';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
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

  it('an admin names a closure in Spanish on the Clinic hours page; the Spanish page shows that name', async () => {
    // Three days ahead: in the coming days shown, and not the day the test above closed.
    const date = new Date(testNow() + 3 * 86_400_000).toISOString().slice(0, 10);
    const admin = await openBrowser({ width: 1280, height: 1000 });
    const phone = await openBrowser({ width: 375, height: 812 });
    try {
      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.getByRole('link', { name: 'Clinic hours' }).click();
      await admin.page.getByTestId('clinic-hours-page').waitFor();
      await admin.page.getByTestId('closure-date').fill(date);
      await admin.page.getByTestId('closure-name').fill('Staff training day');
      await admin.page.getByTestId('closure-name-es').fill('Capacitación del personal');
      await admin.page.getByRole('button', { name: 'Add closed day' }).click();
      await admin.page.getByTestId('hours-reason').fill('Training day, announced to patients');
      await admin.page.getByTestId('save-hours').click();
      await admin.page.getByText('Clinic hours saved').waitFor();
      // The Spanish name stays with the closure, for the next admin to read and change.
      await admin.page.reload();
      await admin.page.getByTestId('clinic-hours-page').waitFor();
      const spanishBox = admin.page.getByLabel(/^Spanish name of /).first();
      await spanishBox.waitFor();
      expect(
        await admin.page
          .getByTestId('closure-list')
          .getByRole('textbox')
          .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
      ).toContain('Capacitación del personal');
      await admin.page.getByTestId('closed-days').evaluate((el) => el.scrollIntoView());
      await screenshot(admin.page, 'clinic-hours-closed-days-spanish');

      await phone.page.goto(`${server.url}/help/${CLINIC}/es`);
      const closures = phone.page.getByTestId('public-closures');
      await closures
        .getByText(closureText({ date, name: 'Capacitación del personal' }, 'es'))
        .waitFor({ timeout: 10_000 });
      expect(await closures.textContent()).not.toContain('Staff training day');
      // Its name is marked Spanish, like the page.
      expect(
        await closures
          .getByText(/Capacitación del personal/)
          .evaluate((li) => li.closest('[lang]')?.getAttribute('lang')),
      ).toBe('es');
      await phone.page.getByTestId('public-hours').scrollIntoViewIfNeeded();
      await screenshot(phone.page, 'help-public-closure-named-es');

      // The English page keeps the name staff use.
      await phone.page.goto(`${server.url}/help/${CLINIC}/en`);
      await phone.page
        .getByTestId('public-closures')
        .getByText(closureText({ date, name: 'Staff training day' }, 'en'))
        .waitFor();
    } finally {
      await admin.close();
      await phone.close();
    }
  });
});
