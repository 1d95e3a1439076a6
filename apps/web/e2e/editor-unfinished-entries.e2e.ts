import type { Definition } from '@portalflow/engine';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * What a lead types into the inspector that the workflow cannot take (a deadline of 0, a smallest
 * answer that is not a number) is never dropped without a word: it is a problem in the Problems
 * panel, Publish says why it waits, and the box keeps what was typed until it is fixed or reverted.
 */

let server: TestServer;
let lead: Awaited<ReturnType<typeof apiSession>>;
beforeAll(async () => {
  server = await startTestServer();
  lead = await apiSession(server.url, 'lead', PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

const REVIEW_TITLE = 'Prepare the refill request for review';

async function openRefill(page: Page): Promise<void> {
  await page.goto(`${server.url}/workflows/prescription-refill`);
  await page.getByTestId('editor-canvas').waitFor();
  await page.getByTestId('node-review-request').waitFor();
}

/** Empties the box and types into it key by key, as a person does. */
async function typeInto(input: Locator, text: string): Promise<void> {
  await input.fill('');
  await input.pressSequentially(text);
}

const errorCount = async (page: Page) =>
  Number.parseInt((await page.getByTestId('lint-count-errors').textContent()) ?? 'NaN', 10);
const problems = (page: Page) => page.getByTestId('lint-panel').textContent();
const publishReason = (page: Page) => page.locator('#pf-publish-reason').textContent();

describe('an entry the workflow cannot take', () => {
  it('a deadline of 0 is a problem that blocks Publish, is kept while the lead looks elsewhere, and goes once fixed', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await openRefill(page);
      await page.getByTestId('node-review-request').click();
      const amount = page.getByTestId('inspector').getByTestId('deadline-amount');
      await expect.poll(() => amount.inputValue()).toBe('1');
      await typeInto(amount, '0');

      // The Problems panel names the step and the box, in words; Publish waits and says why.
      await expect.poll(() => errorCount(page)).toBe(1);
      await expect.poll(() => problems(page)).toContain(`Step “${REVIEW_TITLE}”`);
      await expect.poll(() => problems(page)).toContain('Due after');
      await expect.poll(() => problems(page)).toContain('“0”');
      expect(await problems(page)).not.toContain('No problems');
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);
      await expect.poll(() => publishReason(page)).toContain('Due after');
      await screenshot(page, 'editor-unfinished-deadline');

      // A valid change besides does not carry the old deadline out unnoticed.
      await page.getByTestId('inspector-title').fill('Prepare the refill for the nurse or provider');
      await page.getByTestId('inspector-title').press('Enter');
      await expect.poll(() => errorCount(page)).toBe(1);
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);

      // Looking at another step and back: the 0 is still there, and still a problem.
      await page.getByTestId('node-refill-checks').click();
      await page.getByTestId('node-review-request').click();
      await expect.poll(() => amount.inputValue()).toBe('0');
      expect(await errorCount(page)).toBe(1);

      // Choosing the problem shows its step.
      await page.getByTestId('node-refill-checks').click();
      await page.getByTestId('lint-finding').first().click();
      await expect.poll(() => amount.inputValue()).toBe('0');

      // Fixed: the problem goes, and the new deadline is what Publish shows.
      await typeInto(amount, '2');
      await expect.poll(() => errorCount(page)).toBe(0);
      await expect.poll(() => problems(page)).toContain('No problems');
      await page.getByTestId('publish-button').click();
      await expect
        .poll(() => page.getByTestId('publish-summary').textContent())
        .toContain('1 business day, then to Nurse manager → 2 business days');
      expect(await page.getByTestId('publish-identical').count()).toBe(0);
      await page.getByTestId('publish-cancel').click();

      // Typed back to what it was: nothing is left over.
      await typeInto(amount, '0');
      await expect.poll(() => errorCount(page)).toBe(1);
      await typeInto(amount, '2');
      await expect.poll(() => errorCount(page)).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('an outcome renamed to another outcome’s name is a problem until it is named apart', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await openRefill(page);
      await page.getByTestId('node-review-request').click();
      const name = page.getByRole('textbox', { name: 'Outcome Duplicate request name' });
      await typeInto(name, 'Prepared');
      await name.press('Tab');
      await expect.poll(() => errorCount(page)).toBe(1);
      await expect.poll(() => problems(page)).toContain('Outcome “Duplicate request”: Already an outcome');
      await expect.poll(() => problems(page)).toContain('“Prepared” is not taken yet');
      expect(await name.inputValue()).toBe('Prepared');
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);
      await typeInto(name, 'Duplicate request');
      await name.press('Tab');
      await expect.poll(() => errorCount(page)).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('a smallest answer that is not a number is a problem of its step until it is fixed', async () => {
    const definition: Definition = {
      id: 'supply-check',
      title: 'Supply check',
      roles: [{ id: 'refill-coordinator', name: 'Refill coordinator' }],
      start: 'count',
      steps: {
        count: {
          type: 'task',
          role: 'refill-coordinator',
          title: 'Count the supply',
          form: [{ id: 'days', label: 'Days’ supply', type: 'number', whole: true }],
          outcomes: { counted: 'done' },
        },
        done: { type: 'end', outcome: 'counted' },
      },
    };
    expect((await lead('POST', '/definitions', { definition })).status).toBe(201);
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/supply-check`);
      await page.getByTestId('node-count').click();
      const min = page.getByTestId('field-min-0');
      await typeInto(min, '1.5');
      await min.press('Tab');
      await expect.poll(() => errorCount(page)).toBe(1);
      await expect.poll(() => problems(page)).toContain('Step “Count the supply”');
      await expect.poll(() => problems(page)).toContain('Smallest answer');
      await expect.poll(() => problems(page)).toContain('“1.5”');
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);
      await typeInto(min, '1');
      await expect.poll(() => errorCount(page)).toBe(0);
    } finally {
      await b.close();
    }
  });
});
