import type { Definition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The walk's prior authorization: the lead typed `data.payerAnswer == "approved"` against the choices
 * "Approved" and "Denied", the diagram read "Payer answer: Approved", and the workflow published. Now
 * the condition reads as written, the message says what is wrong under the box and holds Publish,
 * and the lead builds the right one from lists: When [Payer answer] is [Approved].
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

const WRONG = 'data.payerAnswer == "approved"';
const PROBLEM =
  '“Payer answer” is never "approved"; its choices are "Approved" and "Denied". Did you mean "Approved"?';

const PRIOR_AUTH: Definition = {
  id: 'prior-authorization-picker',
  title: 'Prior authorization',
  roles: [
    { id: 'billing-specialist', name: 'Billing specialist' },
    { id: 'front-desk', name: 'Front desk' },
  ],
  start: 'submit',
  steps: {
    submit: {
      type: 'task',
      role: 'billing-specialist',
      title: 'Submit to the payer',
      help: 'Send the packet on the payer’s portal and record its answer.',
      outcomes: { answered: 'payer-answered' },
      form: [
        {
          id: 'payerAnswer',
          label: 'Payer answer',
          type: 'select',
          options: ['Approved', 'Denied'],
          required: true,
        },
      ],
    },
    'payer-answered': {
      type: 'decision',
      title: 'Did the payer approve?',
      branches: [{ when: WRONG, to: 'authorized' }],
      otherwise: 'tell-denied',
    },
    'tell-denied': {
      type: 'task',
      role: 'front-desk',
      title: 'Tell the patient the payer said no',
      help: 'Send the portal template “Denied” and offer a call with billing.',
      outcomes: { told: 'authorized' },
    },
    authorized: { type: 'end', outcome: 'answered' },
  },
};

describe('a decision’s condition from a field and its choices', () => {
  it('a hand-typed value that is not a choice is held with the message; the pickers write the right one', async () => {
    expect((await lead('POST', '/definitions', { definition: PRIOR_AUTH })).status).toBe(201);
    // The server holds it too, with the same words.
    const refused = await lead<{
      error: { code: string; details: { findings: Array<{ message: string }> } };
    }>('POST', `/definitions/${PRIOR_AUTH.id}/publish`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('LINT_ERRORS');
    expect(refused.body.error.details.findings.map((f) => f.message).join('\n')).toContain(PROBLEM);

    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${PRIOR_AUTH.id}`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.getByTestId('node-payer-answered').click();
      const branch = page.getByRole('group', { name: 'Branch 1' });
      const input = branch.getByTestId('condition-input');
      expect(await input.inputValue()).toBe(WRONG);

      // The diagram's reading shows the value as written, and the message sits under it.
      await expect
        .poll(() => branch.getByTestId('condition-words').textContent())
        .toBe('Reads on the diagram: “Payer answer: "approved"”');
      await expect
        .poll(() => branch.getByTestId('condition-problem').first().textContent())
        .toContain(PROBLEM);
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);
      expect(await page.locator('#pf-publish-reason').textContent()).toContain('Did you mean "Approved"?');
      // The lists cannot show a value that is not a choice: they start empty.
      const picker = branch.getByRole('group', { name: 'Condition from a form field' });
      expect(await picker.getByLabel('Field', { exact: true }).inputValue()).toBe('');
      await screenshot(page, 'editor-condition-not-a-choice');

      // When [Payer answer] is [Approved].
      await picker.getByLabel('Field', { exact: true }).click();
      await page.getByRole('option', { name: 'Payer answer', exact: true }).click();
      expect(await picker.getByLabel('Comparison', { exact: true }).inputValue()).toBe('is');
      await picker.getByLabel('Choice', { exact: true }).click();
      const options = await page.getByRole('option').allTextContents();
      expect(options).toEqual(['Approved', 'Denied']);
      await page.getByRole('option', { name: 'Approved', exact: true }).click();
      await expect.poll(() => input.inputValue()).toBe("data.payerAnswer == 'Approved'");
      await expect
        .poll(() => branch.getByTestId('condition-words').textContent())
        .toBe('Reads on the diagram: “Payer answer: Approved”');
      await expect.poll(() => branch.getByTestId('condition-problem').count()).toBe(0);
      await expect.poll(() => page.getByTestId('publish-button').isDisabled()).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await screenshot(page, 'editor-condition-picker');

      // "is empty" needs no choice: the choice list goes.
      await picker.getByLabel('Comparison', { exact: true }).click();
      await page.getByRole('option', { name: 'is not', exact: true }).click();
      await expect.poll(() => input.inputValue()).toBe("data.payerAnswer != 'Approved'");
      await picker.getByLabel('Comparison', { exact: true }).click();
      await page.getByRole('option', { name: 'is filled', exact: true }).click();
      await expect.poll(() => input.inputValue()).toBe('data.payerAnswer != null');
      expect(await picker.getByLabel('Choice', { exact: true }).count()).toBe(0);
      // Typing a condition the lists can show moves them along.
      await input.fill("data.payerAnswer == 'Denied'");
      await expect.poll(() => picker.getByLabel('Choice', { exact: true }).inputValue()).toBe('Denied');
      await picker.getByLabel('Choice', { exact: true }).click();
      await page.getByRole('option', { name: 'Approved', exact: true }).click();
      await expect.poll(() => input.inputValue()).toBe("data.payerAnswer == 'Approved'");

      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-summary').waitFor();
      await page.getByTestId('publish-confirm').click();
      await expect.poll(() => page.getByTestId('version-badge').textContent()).toBe('Published · version 1');
      const published = await lead<{ latest: { definition: Definition } }>(
        'GET',
        `/definitions/${PRIOR_AUTH.id}`,
      );
      expect(published.body.latest.definition.steps['payer-answered']).toMatchObject({
        branches: [{ when: "data.payerAnswer == 'Approved'", to: 'authorized' }],
      });
    } finally {
      await b.close();
    }
  }, 120_000);
});
