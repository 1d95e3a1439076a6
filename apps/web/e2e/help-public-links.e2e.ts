import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Links to one answer of the patients' help, on a 360×640 phone: a link sent before the answer was
 * renamed still opens it, and switching language keeps the patient on the same answer.
 */
const CLINIC = 'riverside';

let server: TestServer;
let call: Awaited<ReturnType<typeof apiSession>>;

interface Entry {
  id: string;
  revision: number;
  title: string;
  language: string;
  audience: string;
  translationOf: string | null;
}

async function entry(title: string): Promise<Entry> {
  const { body } = await call<{ entries: Entry[] }>('GET', `/help/entries?clinic=${CLINIC}`);
  const found = body.entries.find((e) => e.title === title);
  if (!found) throw new Error(`no entry '${title}'`);
  return found;
}

async function edit(title: string, patch: Record<string, unknown>) {
  const e = await entry(title);
  const res = await call('PUT', `/help/entries/${e.id}`, { revision: e.revision, ...patch });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer();
  call = await apiSession(server.url, 'portal-enrollment-specialist', PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

const phone = () => openBrowser({ width: 360, height: 640 });

describe('a link sent before the answer was renamed', () => {
  it('opens the answer under its new title, and the address becomes the new one', async () => {
    await edit('My activation code expired or does not work', { title: 'My activation code does not work' });
    const b = await phone();
    try {
      await b.page.goto(`${server.url}/help/${CLINIC}/en/my-activation-code-expired-or-does-not-work`);
      const open = b.page.getByRole('button', { name: /My activation code does not work/, expanded: true });
      await open.waitFor();
      expect(await b.page.getByTestId('public-link-gone').count()).toBe(0);
      await b.page.waitForFunction(
        (path) => window.location.pathname === path,
        `/help/${CLINIC}/en/my-activation-code-does-not-work`,
      );
      // An answer taken off still says it is gone.
      const gone = await entry('I do not have an email address. Can I still use the portal?');
      expect(
        (await call('POST', `/help/entries/${gone.id}/unpublish`, { revision: gone.revision })).status,
      ).toBe(200);
      await b.page.goto(
        `${server.url}/help/${CLINIC}/en/i-do-not-have-an-email-address-can-i-still-use-the-portal`,
      );
      await b.page.getByTestId('public-link-gone').waitFor();
    } finally {
      await b.close();
    }
  });
});

describe('switching language with an answer open', () => {
  it('opens its translation, or says there is none yet and searches the same words', async () => {
    const es = await entry('¿Cómo pido una cita?');
    await edit('How do I ask for an appointment?', { translationOf: es.id });
    // An answer not translated yet: the demo's Spanish bill answer unlinked from the English one.
    await edit('Tengo una pregunta sobre mi factura', { translationOf: null });
    const b = await phone();
    try {
      await b.page.goto(`${server.url}/help/${CLINIC}/en/how-do-i-ask-for-an-appointment`);
      await b.page.getByRole('button', { name: /ask for an appointment/, expanded: true }).waitFor();
      await b.page.getByTestId('public-lang-es').click();
      await b.page.getByRole('button', { name: /¿Cómo pido una cita\?/, expanded: true }).waitFor();
      expect(new URL(b.page.url()).pathname).toBe(`/help/${CLINIC}/es/como-pido-una-cita`);
      // Linked both ways: back to English opens the English answer.
      await b.page.getByTestId('public-lang-en').click();
      await b.page.getByRole('button', { name: /ask for an appointment/, expanded: true }).waitFor();

      // Not translated yet: said so, in the new language, and the patient's words are searched there.
      await b.page.getByLabel('Search for help').fill('bill');
      await b.page
        .getByTestId('public-results')
        .getByRole('button', { name: /question about my bill/ })
        .click();
      await b.page.getByTestId('public-lang-es').click();
      const none = b.page.getByTestId('public-no-translation');
      await none.waitFor();
      expect(await none.textContent()).toContain('todavía no está en español');
      expect(await b.page.getByLabel('Buscar ayuda').inputValue()).toBe('bill');
      expect(new URL(b.page.url()).pathname).toBe(`/help/${CLINIC}/es`);
    } finally {
      await b.close();
    }
  });
});
