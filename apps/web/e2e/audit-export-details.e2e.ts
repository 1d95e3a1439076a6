import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The export follows the screen: while the replay hides the patient's details, Export CSV gives who did
 * what and when without them (and says so in the file); once the auditor shows the values, the export
 * carries them too.
 */

const REFILL = 'prescription-refill';
const MEDICATION = 'budesonide inhaler';
let server: TestServer;
let id = '';

beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const started = await lead<{ instance: { id: string } }>('POST', '/instances', {
    definitionId: REFILL,
    data: { patient: 'DEMO-3099', medication: MEDICATION, source: 'portal' },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  id = started.body.instance.id;
});
afterAll(async () => {
  await server?.stop();
});

describe('exporting a history', () => {
  it('leaves the patient’s details out while the screen hides them, and includes them once shown', async () => {
    const { page, close } = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit/instances/${id}`);
      await page.getByTestId('verify-badge').waitFor();
      const csv = async () => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('export-csv').click(),
        ]);
        return readFileSync((await download.path())!, 'utf8');
      };
      const hidden = await csv();
      expect(hidden).toContain('DEMO-3099');
      expect(hidden).not.toContain(MEDICATION);
      expect(hidden).toMatch(/Patient details,"?Left out/);

      await page.getByRole('button', { name: 'Show values' }).click();
      await page.getByText(MEDICATION).first().waitFor();
      const shown = await csv();
      expect(shown).toContain(MEDICATION);
      expect(shown).not.toContain('Patient details');
    } finally {
      await close();
    }
  });
});
