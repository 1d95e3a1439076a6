import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/browser.ts';
import { look } from './support/look.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * A patient reads when an answer was last updated in the clinic's calendar, written out in full in the
 * page's language ("7 de diciembre de 2026", "December 7, 2026"), whatever zone the phone is set to:
 * "7 dic 2026" on a phone abroad could name the day after the one the clinic updated it.
 */
const CLINIC = 'riverside';

interface Site {
  entries: Array<{ id: string; language: string; updatedAt: string }>;
  hours: { timeZone: string };
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

const dayIn = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(at),
  );

/** A zone far from the clinic's where the answer's update falls on another calendar day. */
function zoneOnAnotherDay(at: string): string {
  const clinicDay = dayIn(at, site.hours.timeZone);
  const zone = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((z) => dayIn(at, z) !== clinicDay);
  if (!zone) throw new Error(`no zone on another day than the clinic's for ${at}`);
  return zone;
}

const cases = [
  { lang: 'es', words: 'Actualizado el', shape: /^\d{1,2} de [a-záéíóú]+ de \d{4}$/ },
  { lang: 'en', words: 'Updated', shape: /^[A-Z][a-z]+ \d{1,2}, \d{4}$/ },
] as const;

describe('dates on the public help page', () => {
  for (const { lang, words, shape } of cases) {
    it(`“${words} …” is the clinic's day, in full, on a phone in another time zone (${lang})`, async () => {
      const entry = site.entries.find((e) => e.language === lang)!;
      expect(entry).toBeDefined();
      const zone = zoneOnAnotherDay(entry.updatedAt);
      const clinicDate = new Intl.DateTimeFormat(lang, {
        dateStyle: 'long',
        timeZone: site.hours.timeZone,
      }).format(new Date(entry.updatedAt));
      expect(clinicDate).toMatch(shape);
      const b = await openBrowser({ width: 360, height: 640, timeZone: zone });
      try {
        await b.page.goto(`${server.url}/help/${CLINIC}/${lang}`);
        const item = b.page.getByTestId(`public-entry-${entry.id}`);
        await item.getByRole('button').first().click();
        const updated = item.locator('.ph-updated');
        await updated.waitFor();
        await look(item, `help-public-updated-${lang}`);
        expect(await updated.textContent()).toBe(`${words} ${clinicDate}`);
      } finally {
        await b.close();
      }
    });
  }
});

/**
 * The hours are the clinic's wall-clock times ("8:00 AM – 5:00 PM"): a phone in another zone (a
 * patient in Arizona of a Denver clinic, or travelling) is told whose times they are; a phone in the
 * clinic's zone reads them without a note.
 */
describe('clinic hours on a phone in another time zone', () => {
  // The zone's name as this browser's Intl says it (its ICU may name it unlike Node's).
  const zoneName = (page: Page, lang: string) =>
    page.evaluate(
      ([l, timeZone]) =>
        new Intl.DateTimeFormat(l, { timeZone, timeZoneName: 'longGeneric' })
          .formatToParts(new Date())
          .find((p) => p.type === 'timeZoneName')!.value,
      [lang, site.hours.timeZone] as const,
    );
  const notes = {
    es: (z: string) => `Son las horas de la clínica (${z}).`,
    en: (z: string) => `These are the clinic's times (${z}).`,
  };

  for (const lang of ['es', 'en'] as const) {
    it(`says the times are the clinic's, naming its zone (${lang})`, async () => {
      const far = await openBrowser({ width: 360, height: 640, timeZone: 'Pacific/Kiritimati' });
      const near = await openBrowser({ width: 360, height: 640, timeZone: site.hours.timeZone });
      try {
        await far.page.goto(`${server.url}/help/${CLINIC}/${lang}`);
        const hours = far.page.getByTestId('public-hours');
        await hours.getByText(notes[lang](await zoneName(far.page, lang))).waitFor();
        await look(hours, `help-public-hours-zone-${lang}`);

        await near.page.goto(`${server.url}/help/${CLINIC}/${lang}`);
        await near.page.getByTestId('public-hours').waitFor();
        expect(await near.page.getByTestId('public-hours-zone').count()).toBe(0);
      } finally {
        await far.close();
        await near.close();
      }
    });
  }
});
