import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The break-glass banner says until when in the clinic's time zone, also after a reload or another
 * screen, on a computer whose own clock runs in another zone. Drawn before the clinic's settings
 * arrived, it said the computer's time ("until 10:39 PM" for a Denver clinic's 3:39 PM) and kept it.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Far from the demo clinic (Denver), so its clock and the clinic's never agree. */
const BROWSER_ZONE = 'Asia/Tokyo';

const clinicTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' })
    .format(new Date(iso))
    .replace(/\s+/, ' ');

describe('the break-glass banner', () => {
  it('says the clinic’s time after a reload and on every screen, whatever the computer’s zone', async () => {
    const admin = await apiSession(server.url, 'admin', PASSWORD);
    expect(
      (
        await admin('POST', '/users', {
          username: 'on-call-tz',
          password: PASSWORD,
          roles: ['front-desk', 'break-glass'],
        })
      ).status,
    ).toBe(201);
    const config = (await admin<{ timeZone: string }>('GET', '/config')).body;
    expect(config.timeZone).not.toBe(BROWSER_ZONE);

    const b = await openBrowser({ width: 1440, height: 900, timeZone: BROWSER_ZONE });
    try {
      const { page } = b;
      await signIn(page, server.url, 'on-call-tz', PASSWORD);
      await page.getByTestId('emergency-open').click();
      await page
        .getByTestId('emergency-reason')
        .fill('Patient collapsed in the waiting room; chart needed now');
      await page.getByTestId('emergency-request').click();
      await page.getByTestId('emergency-active').waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/me')).json());
      const until = `until ${clinicTime(me.emergency.expiresAt, config.timeZone)} —`;
      const banner = () => page.getByTestId('emergency-active').textContent();
      expect(await banner()).toContain(until);

      await page.reload();
      await page.getByTestId('emergency-active').waitFor();
      expect(await banner()).toContain(until);

      await page.goto(`${server.url}/profile/account`);
      await page.getByTestId('emergency-active').waitFor();
      expect(await banner()).toContain(until);
    } finally {
      await b.close();
    }
  });
});
