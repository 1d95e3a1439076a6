import type { Definition } from '@portalflow/engine';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead building a workflow from nothing reads the Problems panel: steps by their titles, the cause
 * of a chain of problems first, two steps saving one answer and the editor's placeholder words held
 * back from Publish; a field's data key follows its label, and new end steps can be told apart.
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

/** The lead's draft as the walk left it: keys all `field`, a task with no way out, placeholder words. */
const draft: Definition = {
  id: 'prior-authorization-words',
  title: 'Prior authorization',
  roles: [
    { id: 'front-desk', name: 'Front desk', department: 'Front office' },
    { id: 'billing', name: 'Billing specialist', department: 'Billing' },
  ],
  start: 'collect-insurance-card',
  steps: {
    'collect-insurance-card': {
      type: 'task',
      role: 'front-desk',
      title: 'Collect insurance card',
      help: 'Describe what to do here.',
      outcomes: { done: 'prepare-the-packet' },
      form: [{ id: 'field', label: 'Insurance plan', type: 'text' }],
    },
    'prepare-the-packet': {
      type: 'task',
      role: 'billing',
      title: 'Prepare the authorization packet',
      help: 'Attach the visit notes and the order.',
      outcomes: {},
    },
    'record-payer-answer': {
      type: 'task',
      role: 'billing',
      title: 'Record payer answer',
      help: 'Write down what the payer said, and the reference number.',
      outcomes: { approved: 'authorized', outcome: 'authorized' },
      form: [{ id: 'field', label: 'Payer answer', type: 'text' }],
    },
    authorized: { type: 'end', outcome: 'authorized' },
  },
};

const problems = (page: Page) => page.getByTestId('lint-finding').locator('.pf-lint-msg').allTextContents();

const COLLISION =
  '“Collect insurance card” and “Record payer answer” both save their answer as “Field”: the later one replaces the earlier. Give each its own name, or mark the answer as one the steps share.';

describe('the Problems panel in a lead’s words', () => {
  it('names steps by title, puts the cause first and holds back a shared answer and placeholder words', async () => {
    // A second try finds the draft the first made (and may have changed): it starts from the walk's.
    const made = await lead('POST', '/definitions', { definition: draft });
    if (made.status === 409) {
      const current = await lead<{ draft: { revision: number } }>('GET', `/definitions/${draft.id}`);
      const reset = await lead('PUT', `/definitions/${draft.id}`, {
        definition: draft,
        revision: current.body.draft.revision,
      });
      expect(reset.status).toBe(200);
    } else expect(made.status).toBe(201);
    const { page, close } = await openBrowser({ width: 1366, height: 900 });
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${draft.id}`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.locator('.react-flow__node').first().waitFor();
      await expect.poll(async () => (await problems(page)).length).toBeGreaterThan(3);

      const messages = await problems(page);
      // The task with no way out cuts off the rest: it is the first thing the lead reads.
      expect(messages[0]).toBe(
        'Task “Prepare the authorization packet” has no outcomes, so it can never be completed',
      );
      expect(messages).toContain(COLLISION);
      expect(messages).toContain(
        'The help of “Collect insurance card” is still the example “Describe what to do here.”: write what staff should do',
      );
      expect(messages).toContain(
        '“Record payer answer” has an outcome still named “Outcome”: staff would see a button reading “Outcome”. Name it for what happened',
      );
      expect(messages).toContain(
        'Step “End: authorized” cannot be reached from the start “Collect insurance card”',
      );
      expect(
        messages.indexOf('Step “End: authorized” cannot be reached from the start “Collect insurance card”'),
      ).toBeGreaterThan(0);
      // No step is named by its id.
      expect(messages.join('\n')).not.toMatch(
        /"(collect-insurance-card|prepare-the-packet|record-payer-answer|authorized)"/,
      );
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);
      await screenshot(page, 'editor-problems-words');

      // The answer's key followed nothing the lead typed: renaming its label gives it its own.
      await page.getByTestId('lint-finding').filter({ hasText: 'both save their answer' }).click();
      await expect
        .poll(() => page.getByRole('textbox', { name: /^Name in links and files/ }).inputValue())
        .toBe('record-payer-answer');
      const form = page.getByRole('group', { name: 'Form fields' });
      await form.getByRole('textbox', { name: 'Label' }).fill('Payer’s answer');
      await expect
        .poll(() => form.getByRole('textbox', { name: 'Data key' }).inputValue())
        .toBe('payersAnswer');
      await expect.poll(async () => (await problems(page)).includes(COLLISION)).toBe(false);

      // A new field's key follows its label as it is typed, unique in the workflow.
      await page.getByRole('button', { name: 'Add field' }).click();
      const label = form.getByRole('textbox', { name: 'Label' }).nth(1);
      const key = form.getByRole('textbox', { name: 'Data key' }).nth(1);
      await expect.poll(() => key.inputValue()).toBe('newField');
      await label.fill('Insurance plan');
      await expect.poll(() => key.inputValue()).toBe('insurancePlan');
      await label.fill('Reference number');
      await expect.poll(() => key.inputValue()).toBe('referenceNumber');

      // Two new end steps read differently on the diagram and in Problems.
      const titleBox = page.getByTestId('inspector-title');
      await page.getByTestId('palette-end').click();
      await expect.poll(() => titleBox.inputValue()).toMatch(/^Finished/);
      const first = await titleBox.inputValue();
      await page.getByTestId('palette-end').click();
      await expect.poll(() => titleBox.inputValue()).not.toBe(first);
      const second = await titleBox.inputValue();
      expect(second).toMatch(/^Finished \d$/);
      // (Problems are checked again a moment after each change: the second step's comes then.)
      const unreachable = async () => (await problems(page)).filter((m) => m.includes('cannot be reached'));
      await expect
        .poll(unreachable)
        .toContain(`Step “${second}” cannot be reached from the start “Collect insurance card”`);
      expect(await unreachable()).toContain(
        `Step “${first}” cannot be reached from the start “Collect insurance card”`,
      );
    } finally {
      await close();
    }
  });
});
