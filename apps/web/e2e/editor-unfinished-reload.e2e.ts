import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * What a lead typed that the workflow cannot take yet is kept in this browser: a reload brings it
 * back to its box and to the Problems panel, Publish still waiting for it. Signing out forgets it.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function openRefill(page: Page): Promise<void> {
  await page.goto(`${server.url}/workflows/prescription-refill`);
  await page.getByTestId('editor-canvas').waitFor();
  await page.getByTestId('node-review-request').waitFor();
}

async function typeInto(input: Locator, text: string): Promise<void> {
  await input.fill('');
  await input.pressSequentially(text);
}

const errorCount = async (page: Page) =>
  Number.parseInt((await page.getByTestId('lint-count-errors').textContent()) ?? 'NaN', 10);
const problems = (page: Page) => page.getByTestId('lint-panel').textContent();
const publishReason = (page: Page) => page.locator('#pf-publish-reason').textContent();

describe('an unfinished entry and a reload', () => {
  it('a deadline of 0 is still in its box, under Problems and holding Publish after a reload, until sign-out', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await openRefill(page);
      await page.getByTestId('node-review-request').click();
      const amount = page.getByTestId('inspector').getByTestId('deadline-amount');
      await expect.poll(() => amount.inputValue()).toBe('1');
      await typeInto(amount, '0');
      await expect.poll(() => errorCount(page)).toBe(1);

      await page.reload();
      await page.getByTestId('node-review-request').waitFor();
      // Said once, in words, where it is.
      await page.getByText('Your unfinished work is back').waitFor();
      expect(await page.getByText(/1 entry not taken yet, listed under Problems/).count()).toBe(1);
      await screenshot(page, 'editor-unfinished-work-back', { keepToasts: true });
      await expect.poll(() => errorCount(page)).toBe(1);
      await expect.poll(() => problems(page)).toContain('Due after');
      await expect.poll(() => problems(page)).toContain('“0”');
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);
      await expect.poll(() => publishReason(page)).toContain('Due after');
      // Its problem leads back to the box, which shows what was typed.
      await page.getByTestId('lint-finding').first().click();
      await expect.poll(() => amount.inputValue()).toBe('0');
      await screenshot(page, 'editor-unfinished-after-reload');

      // Signing out forgets it: the next sign-in opens the draft as it is saved.
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await signIn(page, server.url, 'lead', PASSWORD);
      await openRefill(page);
      await expect.poll(() => errorCount(page)).toBe(0);
      await page.getByTestId('node-review-request').click();
      await expect.poll(() => amount.inputValue()).toBe('1');
    } finally {
      await b.close();
    }
  });

  it('a change not saved yet comes back too, and Undo puts the saved draft back', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      // The browser asks before a reload with unsaved changes; the lead reloads anyway.
      page.on('dialog', (dialog) => void dialog.accept());
      await signIn(page, server.url, 'lead', PASSWORD);
      await openRefill(page);
      await page.getByTestId('node-review-request').click();
      const title = page.getByTestId('inspector-title');
      await typeInto(title, 'Prepare the refill for the pharmacist');
      await title.press('Enter');
      await page.getByTestId('unsaved-indicator').waitFor();

      await page.reload();
      await page.getByTestId('node-review-request').waitFor();
      await page.getByText(/changes not saved yet \(Undo puts the saved draft back\)/).waitFor();
      await page.getByTestId('unsaved-indicator').waitFor();
      await expect
        .poll(() => page.getByTestId('node-review-request').textContent())
        .toContain('Prepare the refill for the pharmacist');

      await page.getByTestId('undo-button').click();
      await expect
        .poll(() => page.getByTestId('node-review-request').textContent())
        .toContain('Prepare the refill request for review');
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
    } finally {
      await b.close();
    }
  });
});
