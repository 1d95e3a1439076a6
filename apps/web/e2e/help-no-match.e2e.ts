import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

// Pictures to look at (support/look.ts), not for the README: a search that finds nothing is not a
// page to show off.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a help search with no real match', () => {
  it('tells staff there is no answer, and what to try', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      await b.page.goto(`${server.url}/faq`);
      const search = b.page.getByTestId('faq-search');
      await search.fill('xyzzy nothing');
      const empty = b.page.getByTestId('faq-empty');
      await empty.getByText('No answers for “xyzzy nothing”').waitFor();
      expect(await empty.textContent()).toContain('Ask your supervisor');
      expect(await b.page.getByTestId('faq-count').textContent()).toBe('0 answers');
      await look(b.page, 'help-no-match-staff-no-match');

      // A misspelt real word still finds it, and a list quoted in the preview reads as a sentence.
      await search.fill('pasword locked');
      const locked = b.page.getByTestId('faq-results').getByRole('button', { name: /My account is locked/ });
      await locked.waitFor();
      expect(await locked.getByTestId('faq-snippet').textContent()).toContain(
        'try again, or call the front desk',
      );
      await look(b.page, 'help-no-match-staff-typo');
    } finally {
      await b.close();
    }
  });

  it('tells patients there is no answer, in their language', async () => {
    const b = await openBrowser({ width: 768, height: 1024 });
    try {
      await b.page.goto(`${server.url}/help/riverside`);
      await b.page.getByLabel('Search for help').fill('xyzzy nothing');
      await b.page.getByText('No answers found for “xyzzy nothing”.').waitFor();
      await b.page.getByText('Try fewer words or check the spelling, or call the front desk.').waitFor();
      expect(await b.page.getByTestId('public-results').count()).toBe(0);
      await look(b.page, 'help-no-match-public-no-match');

      await b.page.getByTestId('public-lang-es').click();
      await b.page.getByLabel('Buscar ayuda').fill('nada xyzzy');
      await b.page.getByText('No encontramos respuestas para «nada xyzzy».').waitFor();
      await b.page.getByLabel('Buscar ayuda').fill('contrasena');
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
