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

  it('a step id another step has, or one it cannot take, stays in its box as a problem until it is fixed', async () => {
    const definition: Definition = {
      id: 'lab-callback',
      title: 'Lab result callback',
      roles: [{ id: 'medical-assistant', name: 'Medical assistant' }],
      start: 'call',
      steps: {
        call: {
          type: 'task',
          role: 'medical-assistant',
          title: 'Call the patient',
          outcomes: { reached: 'log' },
        },
        log: {
          type: 'task',
          role: 'medical-assistant',
          title: 'Log the call',
          outcomes: { logged: 'done' },
        },
        done: { type: 'end', outcome: 'logged' },
      },
    };
    expect((await lead('POST', '/definitions', { definition })).status).toBe(201);
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/lab-callback`);
      await page.getByTestId('node-call').click();
      const id = page.getByTestId('inspector').getByRole('textbox', { name: /^Name in links and files/ });
      await expect.poll(() => id.inputValue()).toBe('call');

      // Another step's id: what was typed stays, marked, and is a problem of the step in words.
      await typeInto(id, 'log');
      await id.press('Tab');
      expect(await id.inputValue()).toBe('log');
      expect(await id.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => errorCount(page)).toBe(1);
      await expect.poll(() => problems(page)).toContain('Step “Call the patient”');
      await expect.poll(() => problems(page)).toContain('Name in links and files');
      await expect
        .poll(() => problems(page))
        .toContain('already used by step “Log the call”: “log” is not taken yet');
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);
      await expect.poll(() => publishReason(page)).toContain('Name in links and files');
      await screenshot(page, 'editor-unfinished-step-id');

      // Looking at another step and back: still there, still a problem.
      await page.getByTestId('node-log').click();
      await page.getByTestId('node-call').click();
      await expect.poll(() => id.inputValue()).toBe('log');
      expect(await errorCount(page)).toBe(1);

      // One it cannot take at all says what an id may hold.
      await typeInto(id, 'call back');
      await id.press('Enter');
      expect(await id.inputValue()).toBe('call back');
      await expect.poll(() => problems(page)).toContain('“call back” is not taken yet');
      await expect.poll(() => problems(page)).toContain('letters, digits');
      expect(await errorCount(page)).toBe(1);

      // Fixed: the step takes the id and the problem goes.
      await typeInto(id, 'call-back');
      await id.press('Tab');
      await page.getByTestId('node-call-back').waitFor();
      await expect.poll(() => errorCount(page)).toBe(0);
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(false);

      // Typed back to what it is: nothing is left over.
      await typeInto(id, 'log');
      await id.press('Tab');
      await expect.poll(() => errorCount(page)).toBe(1);
      await typeInto(id, 'call-back');
      await id.press('Tab');
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
