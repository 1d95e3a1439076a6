import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { settled } from './support/settled.ts';

/**
 * A billing specialist types the patient's balance as it reads on the statement: `1,250.40`. The
 * form once took the comma for a decimal point and saved 1.2504; an amount is now kept as typed, or
 * refused with what to type instead, never saved as another number.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENT = 'DEMO-6208';
const QUESTION = 'Why do I owe this much';
// The subject names the request type, never the patient's own question.
const SUBJECT = `${PATIENT} · Billing: Statement question`;

type InstanceBody = {
  instance: { id: string; data: Record<string, unknown>; active: Array<{ step: string; taskId: string }> };
};

/** Empties the field and types into it key by key, as a person does, then leaves it. */
async function typeInto(page: Page, testId: string, text: string) {
  const input = page.locator(`[data-testid="${testId}"]`);
  await input.fill('');
  await input.pressSequentially(text);
  await input.press('Tab');
  return input;
}

describe('an amount of money on a step’s form', () => {
  it('the balance typed as on the statement is the balance kept; a comma that needs a guess is refused', async () => {
    // The front desk logs the question and sends it to billing, through the API.
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk<InstanceBody>('POST', '/requests', {
      definitionId: 'billing-question',
      data: { patient: PATIENT, channel: 'portal', question: QUESTION },
    });
    expect(started.status).toBe(201);
    const instanceId = started.body.instance.id;
    const logTask = started.body.instance.active.find((a) => a.step === 'log-question')!.taskId;
    expect((await desk('POST', `/tasks/${encodeURIComponent(logTask)}/claim`)).status).toBe(200);
    const logged = await desk('POST', `/tasks/${encodeURIComponent(logTask)}/complete`, {
      outcome: 'logged',
      data: { requestType: 'statement-question', statementNumber: 'ST-204518', guarantorName: 'Self' },
    });
    expect(logged.status).toBe(200);

    const b = await openBrowser({ width: 1360, height: 900 });
    const page = b.page;
    const sent: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/tasks\/[^/]+\/complete$/.test(new URL(r.url()).pathname))
        sent.push(r.postDataJSON());
    });
    try {
      await signIn(page, server.url, 'billing-specialist', PASSWORD);
      await page.getByTestId('work-folder-pool-billing-specialist').click();
      await page.getByTestId('task-list').getByText(SUBJECT).click();
      await page.getByTestId('claim-button').click();
      const form = page.getByTestId('task-form');
      await form.waitFor();
      // The field says what it takes: a balance owed, so no credit.
      expect(await form.textContent()).toContain('At least $0.00 (no credits).');

      for (const typed of ['1,250.40', '$1,250.40', '1250.40']) {
        const balance = await typeInto(page, 'form-field-balance', typed);
        expect(await balance.inputValue(), typed).toBe('$1,250.40');
      }

      await form.getByTestId('form-field-guarantorCorrect').getByText('Yes', { exact: true }).click();
      await form.getByTestId('form-field-insuranceIssue').getByText('No', { exact: true }).click();

      // Twelve dollars fifty in much of the world: refused, saying how to write it, and nothing is sent.
      const balance = await typeInto(page, 'form-field-balance', '12,50');
      expect(await balance.inputValue()).toBe('12,50');
      await page.getByTestId('outcome-button-checked').click();
      await form
        .getByText(
          'Patient balance ($) has a comma out of place: commas only group thousands, and cents go after a point, as in 1,250.40',
        )
        .waitFor();
      expect(await balance.getAttribute('aria-invalid')).toBe('true');
      expect(await seriousViolations(page)).toEqual([]);
      await settled(page);
      await look(page, 'money-field-refused');

      // A credit is not a balance owed here.
      await typeInto(page, 'form-field-balance', '-75');
      await form.getByText('Patient balance ($) must be at least $0.00').waitFor();
      expect(sent).toEqual([]);

      await typeInto(page, 'form-field-balance', '$1,250.40');
      await expect.poll(() => form.getByRole('alert').count()).toBe(0);
      expect(await balance.getAttribute('aria-invalid')).not.toBe('true');
      await settled(page);
      await look(page, 'money-field-typed');
      await page.getByTestId('outcome-button-checked').click();
      await expect.poll(() => sent.length).toBe(1);
      expect(sent[0]).toMatchObject({
        outcome: 'checked',
        data: { balance: 1250.4, guarantorCorrect: true, insuranceIssue: false },
      });

      const billing = await apiSession(server.url, 'billing-specialist', PASSWORD);
      const kept = await billing<InstanceBody>('GET', `/instances/${instanceId}`);
      expect(kept.body.instance.data.balance).toBe(1250.4);

      // The next step shows the balance as on the statement, and says what its own amount takes.
      await page.getByTestId('work-folder-pool-billing-specialist').click();
      await page.getByTestId('task-list').getByText(SUBJECT).click();
      const details = page.getByTestId('instance-data');
      await details.getByText('$1,250.40', { exact: true }).waitFor();
      expect(await page.getByTestId('task-panel').textContent()).toContain('At least $1.00.');
    } finally {
      await b.close();
    }
  });
});
