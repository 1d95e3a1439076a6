import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** The clinic-made clips and captions the demo uses (examples/help-media). */
const MEDIA = new URL('../../../examples/help-media/', import.meta.url).pathname;
const CLINIC = 'riverside';
const WRITER = 'portal-enrollment-specialist';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A file chosen in the editor, as the writer picks it from the computer. */
const file = (name: string, mimeType: string) => ({
  name,
  mimeType,
  buffer: readFileSync(`${MEDIA}${name}`),
});

/** Picks a file through the field's own button, as the writer does (the browser's file chooser). */
async function choose(page: Page, label: string, chosen: ReturnType<typeof file>) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('dialog').getByLabel(label).click(),
  ]);
  await chooser.setFiles(chosen);
}

async function newEntry(page: Page, language: 'English' | 'Español (Spanish)', title: string, body: string) {
  await page.getByTestId('help-new-entry').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (language !== 'English') {
    await dialog.getByLabel('Language', { exact: true }).click();
    await page.getByRole('option', { name: language }).click();
  }
  await page.getByTestId('help-title-input').fill(title);
  await page.getByTestId('help-category-input').fill('Visiting the clinic');
  await page.getByTestId('help-body-input').fill(body);
  // A new entry is saved first: the video goes on an entry that exists.
  expect(await dialog.getByTestId('help-video-later').textContent()).toContain('Save the entry first');
  await page.getByTestId('help-save').click();
  await dialog.waitFor({ state: 'hidden' });
}

async function attach(page: Page, title: string, captions: Array<[string, string]>) {
  await page.getByRole('button', { name: `Edit ${title}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await choose(page, 'Video file', file('refill-request.webm', 'video/webm'));
  for (const [label, name] of captions) await choose(page, label, file(name, 'text/vtt'));
  await dialog.getByRole('button', { name: 'Attach video' }).click();
  // Attached: it plays in the editor's preview with its captions, and the entry can still be saved.
  await dialog.getByTestId('help-video').waitFor();
  expect(await dialog.getByTestId('help-video-attached').textContent()).toMatch(/WebM/);
  expect(await dialog.locator('track[kind="captions"]').count()).toBe(captions.length);
}

describe('a help writer adds a clinic video to an answer', () => {
  it('attaches a clip with captions in English and Spanish, publishes, and patients play it at once', async () => {
    const b = await openBrowser();
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      await signIn(b.page, server.url, WRITER, PASSWORD);
      await b.page.goto(`${server.url}/faq`);
      await b.page.getByRole('tab', { name: 'Manage entries' }).click();

      await newEntry(b.page, 'English', 'Where do I park?', 'Park in the **blue lot** behind the clinic.');
      // Captions in the answer's own language are required: the server's reason is shown in words.
      await b.page.getByRole('button', { name: 'Edit Where do I park?' }).click();
      const dialog = b.page.getByRole('dialog');
      await choose(b.page, 'Video file', file('refill-request.webm', 'video/webm'));
      await dialog.getByRole('button', { name: 'Attach video' }).click();
      const refused = dialog.getByTestId('help-video-error');
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/caption/i);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await attach(b.page, 'Where do I park?', [
        ['Captions in English', 'refill-request.en.vtt'],
        ['Captions in Español', 'refill-request.es.vtt'],
      ]);
      expect(await seriousViolations(b.page)).toEqual([]);
      // Saving the text after attaching keeps the video (no stale revision).
      await b.page
        .getByTestId('help-body-input')
        .fill('Park in the **blue lot** behind the clinic. It is free.');
      await b.page.getByTestId('help-save').click();
      await dialog.waitFor({ state: 'hidden' });

      await newEntry(b.page, 'Español (Spanish)', '¿Dónde me estaciono?', 'En el **lote azul**, detrás.');
      await attach(b.page, '¿Dónde me estaciono?', [['Captions in Español', 'refill-request.es.vtt']]);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });

      for (const title of ['Where do I park?', '¿Dónde me estaciono?']) {
        const row = b.page.locator('[data-testid^="help-row-"]', { hasText: title });
        await row.getByRole('button', { name: 'Publish' }).click();
        await row.getByRole('button', { name: 'Unpublish' }).waitFor();
      }

      // A patient who had the page open already sees the new answers and plays the clip.
      for (const [lang, label, words, title] of [
        ['en', 'Search for help', 'park', 'Where do I park?'],
        ['es', 'Buscar ayuda', 'estaciono', '¿Dónde me estaciono?'],
      ] as const) {
        await phone.page.goto(`${server.url}/help/${CLINIC}/${lang}`);
        await phone.page.getByLabel(label).fill(words);
        const hit = phone.page.getByTestId('public-results').getByRole('button', { name: title });
        await hit.click();
        const video = phone.page.getByTestId('help-video');
        await video.waitFor();
        await phone.page.waitForFunction(() => {
          const v = document.querySelector<HTMLVideoElement>('[data-testid="help-video"]');
          const track = v && [...v.textTracks].find((t) => t.mode === 'showing');
          return !!track && (track.cues?.length ?? 0) > 0;
        });
        expect(await video.locator('track[default]').getAttribute('srclang')).toBe(lang);
      }

      // Taken off again: gone at the patient's next look.
      const row = b.page.locator('[data-testid^="help-row-"]', { hasText: 'Where do I park?' });
      await row.getByRole('button', { name: 'Unpublish' }).click();
      await row.getByRole('button', { name: 'Publish' }).waitFor();
      await phone.page.goto(`${server.url}/help/${CLINIC}/en`);
      await phone.page.getByLabel('Search for help').fill('park');
      await phone.page.getByTestId('public-nothing').waitFor();
    } finally {
      await phone.close();
      await b.close();
    }
  });
});
