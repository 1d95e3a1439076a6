import type { Definition } from '@portalflow/engine';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Every number box reads a number as staff write it: a comma only groups thousands (`1,250.40`), and
 * a comma that would need a guess (`12,50`) is refused with what to type instead, never read as a
 * decimal point. The practice run's task card and the tracking sheet's entry form once read
 * `1,250.40` as 1.2504 and `1,000` as 1.
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

/** Empties the box and types into it key by key, as a person does, then leaves it. */
async function typeInto(input: Locator, text: string): Promise<Locator> {
  await input.fill('');
  await input.pressSequentially(text);
  await input.press('Tab');
  return input;
}

/** Opens the entry form for a training delivered, its topic and format filled in. */
async function startTraining(page: Page): Promise<void> {
  await page.getByTestId('entry-add').click();
  await page.getByTestId('entry-form').waitFor();
  await page.getByTestId('entry-kind').click();
  await page.getByRole('option', { name: 'Training delivered' }).click();
  await page.getByTestId('entry-field-topic').fill('Portal sign-up at the front desk');
  await page.getByTestId('entry-field-format').click();
  await page.getByRole('option', { name: /rounding/i }).click();
}

/** A balance recorded by billing; a decision sends a balance over $1,000 to the supervisor. */
const BALANCE_CHECK: Definition = {
  id: 'balance-check',
  title: 'Balance check',
  roles: [
    { id: 'billing-specialist', name: 'Billing specialist' },
    { id: 'billing-supervisor', name: 'Billing supervisor' },
  ],
  start: 'record-balance',
  steps: {
    'record-balance': {
      type: 'task',
      role: 'billing-specialist',
      title: 'Record the balance',
      form: [{ id: 'balance', label: 'Patient balance', type: 'number', money: true, min: 0 }],
      outcomes: { recorded: 'how-large' },
    },
    'how-large': {
      type: 'decision',
      title: 'Over $1,000?',
      branches: [{ when: 'data.balance > 1000', to: 'supervisor-review' }],
      otherwise: 'done',
    },
    'supervisor-review': {
      type: 'task',
      role: 'billing-supervisor',
      title: 'Review the large balance',
      outcomes: { reviewed: 'done' },
    },
    done: { type: 'end', outcome: 'done' },
  },
};

describe('number boxes', () => {
  it('a practice run reads 1,250.40 as the amount typed, and refuses 12,50 with what to type', async () => {
    expect((await lead('POST', '/definitions', { definition: BALANCE_CHECK })).status).toBe(201);
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/balance-check`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.getByTestId('simulate-button').click();
      const card = page.getByTestId('sim-active-record-balance');
      await card.waitFor();
      const balance = card.getByRole('textbox', { name: 'Patient balance' });

      await typeInto(balance, '1,250.40');
      expect(await balance.inputValue()).toBe('$1,250.40');
      await page.getByTestId('sim-outcome-record-balance-recorded').click();
      // 1250.4 is over $1,000: the supervisor reviews it (1.2504 would have ended the run).
      await page.getByTestId('sim-active-supervisor-review').waitFor();

      // Twelve dollars fifty in much of the world: refused, saying how to write it; the run stays put.
      await page.getByRole('button', { name: 'New run' }).click();
      await card.waitFor();
      await typeInto(balance, '12,50');
      await page.getByTestId('sim-outcome-record-balance-recorded').click();
      await card
        .getByText(
          'Patient balance has a comma out of place: commas only group thousands, and cents go after a point, as in 1,250.40',
        )
        .waitFor();
      expect(await balance.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('sim-active-supervisor-review').count()).toBe(0);
      expect(await card.count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('the tracking sheet keeps 1,000 attendees as a thousand, and refuses 1,5', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    const sent: unknown[] = [];
    try {
      const { page } = b;
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/tracking/entries')
          sent.push(r.postDataJSON());
      });
      await signIn(page, server.url, 'portal-enrollment-specialist', PASSWORD);
      await page.getByRole('link', { name: 'Tracking' }).click();
      await page.getByTestId('tracking-entries').waitFor();
      const form = page.getByTestId('entry-form');
      await startTraining(page);

      const attendees = await typeInto(page.getByTestId('entry-field-attendees'), '1,000');
      expect(await attendees.inputValue()).toBe('1,000');
      const saved = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/tracking/entries',
      );
      await page.getByTestId('entry-save').click();
      const response = await saved;
      expect(response.status()).toBe(201);
      const entry = ((await response.json()) as { entry: { fields: Record<string, unknown> } }).entry;
      expect(entry.fields).toMatchObject({ attendees: 1000 });
      await form.waitFor({ state: 'detached' });

      // One and a half attendees, written with a decimal comma: refused, and nothing is sent.
      await startTraining(page);
      await typeInto(page.getByTestId('entry-field-attendees'), '1,5');
      await page.getByTestId('entry-save').click();
      await form
        .getByText('Attendees has a comma out of place: commas only group thousands, as in 1,250')
        .waitFor();
      expect(sent).toHaveLength(1);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
