import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/browser.ts';
import { look } from './support/look.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * The patients' help page on a small phone, when it cannot simply show the answer: a search that finds
 * nothing, a word from the other language, a shared link that no longer leads anywhere. Pictures to
 * look at, not for the README.
 */
const CLINIC = 'riverside';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const phone = () => openBrowser({ width: 360, height: 640 });

async function search(page: Page, label: string, words: string) {
  await page.getByLabel(label).fill(words);
}

describe('a patient searching a symptom at night', () => {
  it('is told to call 911 in the very answer that says nothing was found, in English and Spanish', async () => {
    const b = await phone();
    try {
      await b.page.goto(`${server.url}/help/${CLINIC}/en`);
      await search(b.page, 'Search for help', 'chest pain');
      const nothing = b.page.getByTestId('public-nothing');
      await nothing.waitFor();
      expect(await nothing.textContent()).toContain('If this is an emergency, call 911');
      await nothing.scrollIntoViewIfNeeded();
      await look(b.page, 'help-public-words-nothing-en');

      await b.page.goto(`${server.url}/help/${CLINIC}/es`);
      await search(b.page, 'Buscar ayuda', 'dolor de pecho');
      await nothing.waitFor();
      expect(await nothing.textContent()).toContain('Si es una emergencia, llame al 911');
    } finally {
      await b.close();
    }
  });
});

describe('a word from the other language', () => {
  it('points to the answers in the other language, in that language, and shows them there', async () => {
    const b = await phone();
    try {
      // "refill" is said in Spanish by many patients; the Spanish answers call it "resurtido".
      await b.page.goto(`${server.url}/help/${CLINIC}/es`);
      await search(b.page, 'Buscar ayuda', 'refill');
      const elsewhere = b.page.getByTestId('public-elsewhere-en');
      await elsewhere.waitFor();
      expect(await elsewhere.getAttribute('lang')).toBe('en');
      expect(await elsewhere.textContent()).toMatch(/answers? in English for “refill”/);
      await look(b.page, 'help-public-words-elsewhere-es');
      await elsewhere.getByRole('button').click();
      await b.page.getByRole('heading', { level: 1, name: 'Portal help' }).waitFor();
      expect(new URL(b.page.url()).pathname).toBe(`/help/${CLINIC}/en`);
      expect(await b.page.getByLabel('Search for help').inputValue()).toBe('refill');
      await b.page
        .getByTestId('public-results')
        .getByRole('button', { name: /prescription refill/ })
        .waitFor();

      // And the other way: a Spanish word on the English page is answered in Spanish.
      await search(b.page, 'Search for help', 'contraseña');
      const enEspanol = b.page.getByTestId('public-elsewhere-es');
      await enEspanol.waitFor();
      expect(await enEspanol.textContent()).toMatch(/respuestas? en español para «contraseña»/);
      await enEspanol.getByRole('button').click();
      await b.page.getByRole('heading', { level: 1, name: 'Ayuda con el portal' }).waitFor();
      await b.page
        .getByTestId('public-results')
        .getByRole('button', { name: /contraseña/ })
        .first()
        .waitFor();
    } finally {
      await b.close();
    }
  });
});

describe('a shared link that no longer leads to an answer', () => {
  it('says so in the page language and puts the address back to the page', async () => {
    const b = await phone();
    try {
      // Cut short in a text message (or the answer was renamed or taken off).
      await b.page.goto(`${server.url}/help/${CLINIC}/en/how-do-i-ask-for-a-prescription-refil`);
      const gone = b.page.getByTestId('public-link-gone');
      await gone.waitFor();
      expect(await gone.textContent()).toContain('That answer is not here any more');
      expect(new URL(b.page.url()).pathname).toBe(`/help/${CLINIC}/en`);
      await look(b.page, 'help-public-words-link-gone-en');
      // Opening an answer puts the note away.
      await b.page.getByRole('button', { name: /prescription refill/ }).click();
      await gone.waitFor({ state: 'detached' });

      await b.page.goto(`${server.url}/help/${CLINIC}/es/una-respuesta-que-ya-no-esta`);
      await gone.waitFor();
      expect(await gone.textContent()).toContain('Esa respuesta ya no está aquí');
      // A link that does lead to an answer says nothing of the kind.
      await b.page.goto(`${server.url}/help/${CLINIC}/es/como-pido-mas-de-mi-medicina-resurtido`);
      await b.page.getByTestId('help-video').waitFor();
      expect(await gone.count()).toBe(0);
    } finally {
      await b.close();
    }
  });
});
