import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Help read across its two languages: a patient who found an answer by searching in Spanish switches
 * to English and reads the same answer (not "0 answers found" for the Spanish word), and a billing
 * specialist who types the patient's Spanish word in the staff FAQ is offered the Spanish answers.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('switching language on an answer found by a search', () => {
  it('opens the same answer in the other language, with the search words left behind', async () => {
    const b = await openBrowser({ width: 360, height: 640 });
    try {
      await b.page.goto(`${server.url}/help/riverside/es`);
      await b.page.getByLabel('Buscar ayuda').fill('pagar factura');
      await b.page.getByRole('button', { name: 'Tengo una pregunta sobre mi factura' }).click();
      await b.page.getByTestId('public-lang-en').click();
      await b.page.getByRole('heading', { level: 1, name: 'Portal help' }).waitFor();
      expect(new URL(b.page.url()).pathname).toBe('/help/riverside/en/i-have-a-question-about-my-bill');
      const answer = b.page.getByRole('button', { name: 'I have a question about my bill' });
      expect(await answer.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => b.page.getByText('Our billing team answers within').isVisible()).toBe(true);
      expect(await b.page.getByTestId('public-nothing').count()).toBe(0);
      expect(await b.page.getByLabel('Search for help').inputValue()).toBe('');
    } finally {
      await b.close();
    }
  });
});

describe('the staff FAQ searched in the other language', () => {
  it('offers the answers in Spanish for a Spanish word, and shows them', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'billing-specialist', PASSWORD);
      await b.page.goto(`${server.url}/faq?q=${encodeURIComponent('factura')}`);
      const offer = b.page.getByTestId('faq-elsewhere');
      await offer.waitFor();
      expect(await offer.textContent()).toContain('in español for “factura”');
      await offer.getByRole('button', { name: 'Show the answers in español' }).click();
      const results = b.page.getByTestId('faq-results');
      await results.waitFor();
      expect(await results.getByRole('button').first().textContent()).toContain(
        'Tengo una pregunta sobre mi factura',
      );
    } finally {
      await b.close();
    }
  });
});

describe('the Spanish help page that cannot load', () => {
  it('says so in Spanish, its tab title too', async () => {
    const b = await openBrowser({ width: 360, height: 640, noServiceWorker: true });
    try {
      await b.page.route('**/api/public/help/**', (route) => route.abort());
      await b.page.goto(`${server.url}/help/riverside/es`);
      await b.page.getByText('La página de ayuda no cargó').waitFor();
      expect(await b.page.title()).toBe('Ayuda con el portal');
      expect(await b.page.evaluate(() => document.documentElement.lang)).toBe('es');
    } finally {
      await b.close();
    }
  });
});
