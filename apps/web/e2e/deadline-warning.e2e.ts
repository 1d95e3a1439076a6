import type { Definition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead gives a step's holder a longer due-soon warning next to its deadline, as a number and a unit;
 * emptying the box goes back to the 30 minutes every step gets.
 */
const TRIAGE = 'portal-message-triage';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('due-soon warning in the inspector', () => {
  it('is typed beside the deadline, saved in the file, and taken out again when emptied', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const stepOf = async () => {
      const saved = await lead<{ draft: { definition: Definition } | null }>('GET', `/definitions/${TRIAGE}`);
      return saved.body.draft?.definition.steps['sort-message'];
    };
    const b = await openBrowser({ width: 1440, height: 900 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${TRIAGE}`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.getByTestId('node-sort-message').click();
      const amount = page.getByTestId('warn-before-amount');
      await amount.waitFor();
      expect(await amount.inputValue()).toBe('');
      await page.getByText('Empty: 30 minutes before, or sooner for a deadline under two hours').waitFor();

      await amount.fill('0');
      await page.getByText('Enter a whole number of hours').waitFor();
      await amount.fill('4');
      await expect.poll(() => page.getByText('Enter a whole number of hours').count()).toBe(0);
      await page.getByText('= 4 business hours').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('save-button').click();
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
      expect(await stepOf()).toMatchObject({
        deadline: { after: 'P1D', calendar: 'business', warnBefore: 'PT4H' },
      });

      await amount.fill('');
      await page.getByTestId('save-button').click();
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
      const cleared = await stepOf();
      expect(cleared?.type === 'task' && cleared.deadline).toEqual(
        expect.not.objectContaining({ warnBefore: expect.anything() }),
      );
      expect(cleared?.type === 'task' && cleared.deadline?.after).toBe('P1D');
    } finally {
      await b.close();
    }
  });
});
