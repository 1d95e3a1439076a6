import type { Definition } from '@portalflow/engine';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { settled } from './support/settled.ts';

/**
 * A lead sets up a number field in the editor as the workflow format allows: an amount of money
 * (`"money": true`, bounds in dollars and cents), a number worked out from a date of the same form
 * (`"computed": { "monthsSince": … }`) or a count that takes whole numbers only (`"whole": true`).
 * Only JSON or BPMN import could set them before.
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

const REFILL: Definition = {
  id: 'refill-intake',
  title: 'Refill intake',
  roles: [
    { id: 'refill-coordinator', name: 'Refill coordinator' },
    { id: 'triage-nurse', name: 'Triage nurse' },
  ],
  start: 'prepare',
  steps: {
    prepare: {
      type: 'task',
      role: 'refill-coordinator',
      title: 'Prepare the refill',
      form: [{ id: 'lastVisitDate', label: 'Last visit', type: 'date', dateRange: 'past' }],
      outcomes: { prepared: 'review' },
    },
    review: {
      type: 'task',
      role: 'triage-nurse',
      title: 'Review the refill',
      outcomes: { done: 'finished' },
    },
    finished: { type: 'end', outcome: 'done' },
  },
};

/** Chooses an option of a Mantine Select (a combobox that opens a listbox of options). */
async function choose(page: Page, input: Locator, option: string | RegExp): Promise<void> {
  await input.click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Empties the box and types into it key by key, as a person does, then leaves it. */
async function typeInto(input: Locator, text: string): Promise<void> {
  await input.fill('');
  await input.pressSequentially(text);
  await input.press('Tab');
}

const errorCount = async (page: Page) =>
  Number.parseInt((await page.getByTestId('lint-count-errors').textContent()) ?? 'NaN', 10);

describe('number fields in the editor', () => {
  it('a copay is an amount of money with bounds in dollars; the months since the last visit are worked out; the days’ supply is a whole number', async () => {
    expect((await lead('POST', '/definitions', { definition: REFILL })).status).toBe(201);
    const b = await openBrowser({ width: 1440, height: 1000 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/refill-intake`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.getByTestId('node-prepare').click();
      const inspector = page.getByTestId('inspector');

      // The copay: an amount of money, its bounds read and shown as amounts.
      await inspector.getByRole('button', { name: 'Add field' }).click();
      await inspector.getByLabel('Label').last().fill('Copay');
      await choose(page, inspector.getByLabel('Type', { exact: true }).last(), 'Number');
      const money = inspector.getByRole('switch', { name: 'Money amount' });
      await money.check();
      await expect.poll(() => money.isChecked()).toBe(true);
      const smallest = page.getByTestId('field-min-1');
      const largest = page.getByTestId('field-max-1');
      await inspector.getByText('Smallest amount', { exact: true }).waitFor();
      await typeInto(smallest, '0');
      expect(await smallest.inputValue()).toBe('$0.00');
      // A decimal comma, then a fraction of a cent: each said under the box, the bound left unset.
      await typeInto(largest, '12,50');
      await inspector
        .getByText(
          'Largest amount has a comma out of place: commas only group thousands, and cents go after a point, as in 1,250.40',
        )
        .waitFor();
      await typeInto(largest, '100.005');
      await inspector.getByText('Largest amount must be in dollars and cents, such as 1,250.40').waitFor();
      await settled(page);
      await largest.scrollIntoViewIfNeeded();
      await look(inspector, 'editor-money-field');
      await typeInto(largest, '1,250.40');
      expect(await largest.inputValue()).toBe('$1,250.40');

      // The months since the last visit: worked out from the visit's date, never typed.
      await inspector.getByRole('button', { name: 'Add field' }).click();
      await inspector.getByLabel('Label').last().fill('Months since last visit');
      await inspector.getByLabel('Data key').last().fill('monthsSinceLastVisit');
      await choose(page, inspector.getByLabel('Type', { exact: true }).last(), 'Number');
      await choose(page, page.getByTestId('field-worked-out-2'), 'Months since “Last visit”');
      await expect
        .poll(() => page.getByTestId('field-worked-out-note-2').textContent())
        .toBe(
          'Staff will not type this: it is the whole months since “Last visit”, worked out when the step is finished. Decisions can read it.',
        );
      expect(await page.getByTestId('field-money-2').count()).toBe(0);
      await expect.poll(() => errorCount(page)).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await settled(page);
      await look(page, 'editor-number-fields', { fullPage: true });

      // The last visit's date made a text field by mistake: the problems list says why, in words.
      await choose(page, inspector.getByLabel('Type', { exact: true }).first(), 'Short text');
      await expect.poll(() => errorCount(page)).toBe(1);
      await expect
        .poll(() => page.getByTestId('lint-finding').first().textContent())
        .toContain(
          'Field “Months since last visit” of task “Prepare the refill” is worked out from “Last visit”, a text field; months are counted from a date',
        );
      await choose(page, inspector.getByLabel('Type', { exact: true }).first(), 'Date');
      await expect.poll(() => errorCount(page)).toBe(0);
      // The date's data key renamed: the worked-out months follow it, nothing points at the old key.
      await inspector.getByLabel('Data key').first().fill('lastVisit');
      await expect.poll(() => errorCount(page)).toBe(0);

      // An amount is kept to the cent, so it cannot also be a whole number: the switch says why.
      const copayWhole = page.getByTestId('field-whole-1');
      expect(await copayWhole.isChecked()).toBe(false);
      expect(await copayWhole.isDisabled()).toBe(true);
      await inspector.getByText('An amount of money is kept to the cent', { exact: true }).waitFor();

      // The days' supply: a count, whole numbers only, its bounds too.
      await inspector.getByRole('button', { name: 'Add field' }).click();
      await inspector.getByLabel('Label').last().fill('Days’ supply');
      await inspector.getByLabel('Data key').last().fill('daysSupply');
      await choose(page, inspector.getByLabel('Type', { exact: true }).last(), 'Number');
      const whole = page.getByTestId('field-whole-3');
      await whole.check();
      await expect.poll(() => whole.isChecked()).toBe(true);
      // Made an amount by mistake: no longer whole numbers only; made a plain number again, it can be.
      await page.getByTestId('field-money-3').check();
      await expect.poll(() => whole.isChecked()).toBe(false);
      expect(await whole.isDisabled()).toBe(true);
      await page.getByTestId('field-money-3').uncheck();
      await whole.check();
      await expect.poll(() => whole.isChecked()).toBe(true);
      const fewest = page.getByTestId('field-min-3');
      const most = page.getByTestId('field-max-3');
      await typeInto(fewest, '2.5');
      await inspector
        .getByText('Smallest answer must be a whole number, such as 12', { exact: true })
        .waitFor();
      await typeInto(fewest, '1');
      // Left without Tab, so no next box is focused in the picture.
      await most.fill('');
      await most.pressSequentially('90');
      await most.blur();
      expect([await fewest.inputValue(), await most.inputValue()]).toEqual(['1', '90']);
      await expect.poll(() => errorCount(page)).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await settled(page);
      await whole.scrollIntoViewIfNeeded();
      await look(inspector, 'editor-whole-number-field');

      await page.getByTestId('save-button').click();
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
      const saved = await lead<{ draft: { definition: Definition } | null }>(
        'GET',
        '/definitions/refill-intake',
      );
      const step = saved.body.draft?.definition.steps.prepare;
      expect(step?.type === 'task' && step.form).toEqual([
        { id: 'lastVisit', label: 'Last visit', type: 'date' },
        expect.objectContaining({ label: 'Copay', type: 'number', money: true, min: 0, max: 1250.4 }),
        {
          id: 'monthsSinceLastVisit',
          label: 'Months since last visit',
          type: 'number',
          computed: { monthsSince: 'lastVisit' },
        },
        { id: 'daysSupply', label: 'Days’ supply', type: 'number', whole: true, min: 1, max: 90 },
      ]);
    } finally {
      await b.close();
    }
  });
});
