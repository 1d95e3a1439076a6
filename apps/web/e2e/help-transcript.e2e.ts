import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Someone who cannot play sound or video (a busy front desk, a patient on a bus) reads what a help clip
 * says: a collapsed "Transcript" under each clip, in the answer's language, on the staff FAQ and on the
 * public page (English and Spanish, and still there in the phone's offline copy). Search snippets come
 * from the chosen language only.
 */
const CLINIC = 'riverside';
const EN = 'Open Medications and tap Request refill.';
const ES = 'Para pedir más medicina, entre al portal.';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The transcript under a clip: collapsed at first; opened, it reads the clip's words. */
async function readTranscript(answer: Locator, summary: string): Promise<string> {
  const transcript = answer.getByTestId('help-transcript');
  await transcript.waitFor();
  expect(await transcript.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
  expect((await transcript.locator('summary').textContent())?.trim()).toBe(summary);
  await transcript.locator('summary').click();
  expect(await transcript.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
  return (await transcript.textContent()) ?? '';
}

describe('a transcript under each help video', () => {
  it('public page: Spanish answer, Spanish transcript; English answer, English one; offline too', async () => {
    const b = await openBrowser({ width: 375, height: 812 });
    try {
      await b.page.goto(`${server.url}/help/${CLINIC}/es`);
      await b.page.getByLabel('Buscar ayuda').fill('toque');
      const hit = b.page.getByTestId('public-results').locator('li').first();
      await hit.getByRole('button').click();
      await hit.getByTestId('help-video').waitFor();
      const es = await readTranscript(hit, 'Transcripción');
      expect(es).toContain(ES);
      expect(es).not.toContain(EN);
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await seriousViolations(b.page)).toEqual([]);
      await hit.getByTestId('help-transcript').scrollIntoViewIfNeeded();
      await screenshot(b.page, 'help-public-phone-transcript-es');

      // The phone keeps the page for offline use; offline, the transcript is still there.
      await b.page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, {
        timeout: 20_000,
      });
      const address = b.page.url();
      await b.context.setOffline(true);
      await b.page.reload();
      await b.page.getByTestId('public-saved-copy').waitFor();
      expect(b.page.url()).toBe(address);
      const offline = b.page.getByTestId('public-answer').filter({ has: b.page.getByTestId('help-video') });
      expect(await readTranscript(offline.first(), 'Transcripción')).toContain(ES);
      await b.context.setOffline(false);

      await b.page.goto(`${server.url}/help/${CLINIC}/en`);
      await b.page.getByLabel(/search/i).fill('tap');
      const en = b.page.getByTestId('public-results').locator('li').first();
      await en.getByRole('button').click();
      await en.getByTestId('help-video').waitFor();
      const words = await readTranscript(en, 'Transcript');
      expect(words).toContain(EN);
      expect(words).not.toContain(ES);
    } finally {
      await b.close();
    }
  });

  it('staff FAQ: English search snippets hold no Spanish, and the answer has an English transcript', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(b.page, server.url, 'medical-assistant', PASSWORD);
      await b.page.goto(`${server.url}/faq?q=${encodeURIComponent('Open Medications tap')}`);
      const results = b.page.getByTestId('faq-results');
      await results.waitFor();
      expect(await b.page.getByTestId('faq-language').inputValue()).toMatch(/^(en|English)/i);
      const snippets = await results.getByTestId('faq-snippet').allTextContents();
      expect(snippets.length).toBeGreaterThan(0);
      for (const s of snippets) expect(s).not.toMatch(/Para pedir|medicina|Abra Medicinas/);
      const first = results.locator('[data-testid^="faq-entry-"]').first();
      expect(await first.textContent()).toContain('refill');
      await first.getByRole('button').first().click();
      await first.getByTestId('help-video').waitFor();
      const words = await readTranscript(first, 'Transcript');
      expect(words).toContain(EN);
      expect(words).not.toContain(ES);
      expect(await seriousViolations(b.page)).toEqual([]);
      await screenshot(b.page, 'help-faq-transcript');
    } finally {
      await b.close();
    }
  });
});
