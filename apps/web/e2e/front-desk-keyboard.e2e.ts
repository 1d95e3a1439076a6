import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { byTestId, focused, tabTo } from './support/keyboard.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The front desk on the phone, by keyboard and screen reader: what was typed for a caller is not
 * thrown away by a stray Escape, the "Request started" notice waits while the focus is in it, and a
 * Request status look-up says what it found.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function frontDesk() {
  const b = await openBrowser({ width: 1366, height: 768 });
  await signIn(b.page, server.url, 'front-desk', PASSWORD);
  await b.page.getByTestId('my-work').waitFor();
  return b;
}

/** New request opened by keyboard, the refill workflow picked, the focus in its first field. */
async function refillForm(page: Awaited<ReturnType<typeof frontDesk>>['page']) {
  await tabTo(page, byTestId('new-request'));
  await page.keyboard.press('Enter');
  await page.getByTestId('new-request-form').waitFor();
  await page.keyboard.type('refill');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await focused(page)).testId).toBe('form-field-patient');
}

describe('the front desk on the phone, by keyboard', () => {
  it('Escape on a filled start form asks before throwing it away; Keep typing keeps every answer', async () => {
    const b = await frontDesk();
    try {
      const { page } = b;
      await refillForm(page);
      await page.keyboard.type('DEMO-7801');
      await page.keyboard.press('Tab');
      await page.keyboard.type('lisinopril 10 mg');
      await page.keyboard.press('Escape');

      const ask = page.getByTestId('new-request-discard');
      await ask.waitFor();
      expect(await ask.getAttribute('role')).toBe('alert');
      expect(await ask.textContent()).toContain('Close without starting?');
      await expect.poll(async () => (await focused(page)).testId).toBe('new-request-keep-typing');
      await page.keyboard.press('Enter');
      await ask.waitFor({ state: 'detached' });
      // Back where the typing was, every answer still there.
      await expect.poll(async () => (await focused(page)).testId).toBe('form-field-medication');
      expect(await page.getByTestId('form-field-patient').inputValue()).toBe('DEMO-7801');
      expect(await page.getByTestId('form-field-medication').inputValue()).toBe('lisinopril 10 mg');

      // Escape at the question keeps typing too; closing on purpose is its other button.
      await page.keyboard.press('Escape');
      await ask.waitFor();
      await page.keyboard.press('Escape');
      await ask.waitFor({ state: 'detached' });
      expect(await page.getByTestId('new-request-form').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await ask.waitFor();
      await page.keyboard.press('Tab');
      expect((await focused(page)).testId).toBe('new-request-discard-confirm');
      await page.keyboard.press('Enter');
      await page.getByTestId('new-request-form').waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused(page)).testId).toBe('new-request');
    } finally {
      await b.close();
    }
  });

  it('the "Request started" notice stays while the focus is in it', async () => {
    const b = await frontDesk();
    try {
      const { page } = b;
      await refillForm(page);
      await page.keyboard.type('DEMO-7802');
      await page.keyboard.press('Tab');
      await page.keyboard.type('metformin 500 mg');
      await page.keyboard.press('Enter');
      const notice = page.getByTestId('request-started');
      await notice.waitFor();
      await expect.poll(async () => (await focused(page)).testId).toBe('request-started');
      await page.keyboard.press('Tab');
      expect((await focused(page)).testId).toBe('withdraw-request');
      // Longer than the 20 s it waits for a mouse that is not on it.
      await page.waitForTimeout(23_000);
      expect(await notice.isVisible()).toBe(true);
      expect((await focused(page)).testId).toBe('withdraw-request');
    } finally {
      await b.close();
    }
  });

  it('a Request status look-up says politely how many requests it found, without the patient', async () => {
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk('POST', '/requests', {
      definitionId: 'prescription-refill',
      data: { patient: 'DEMO-7803', medication: 'atorvastatin 20 mg' },
    });
    expect(started.status).toBe(201);
    const b = await frontDesk();
    try {
      const { page } = b;
      await tabTo(page, byTestId('request-status'));
      await page.keyboard.press('Enter');
      await page.getByTestId('request-status-form').waitFor();
      await page.keyboard.type('DEMO-7803');
      await page.keyboard.press('Enter');
      const said = page.getByTestId('request-status-found');
      await expect.poll(async () => (await said.textContent()) ?? '').toMatch(/^\d+ requests? found/);
      expect(await said.getAttribute('role')).toBe('status');
      expect(await said.textContent()).not.toContain('DEMO-');
      expect(await page.getByTestId('request-status-row').count()).toBe(1);
      expect(await said.textContent()).toContain('1 request found');
    } finally {
      await b.close();
    }
  });
});
