import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A patient calls back about a denied claim the billing specialist resubmitted: the request now waits
 * for the payer, on nobody's list. Request status says so, and until when at the latest (the follow-up
 * call after ten business days), instead of a bare "Active".
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENT = 'DEMO-9301';
type Body = { items?: Array<{ id: string; step: string; instanceId: string }>; instance?: { id: string } };

describe('Request status of a request waiting for the payer', () => {
  it('names the wait and until when, on the billing specialist’s laptop', async () => {
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const billing = await apiSession(server.url, 'billing-specialist', PASSWORD);
    const started = await desk<Body>('POST', '/requests', {
      definitionId: 'billing-question',
      data: { patient: PATIENT, channel: 'phone', requestType: 'insurance-denial' },
    });
    expect(started.status).toBe(201);
    const work = async (
      as: typeof desk,
      step: string,
      outcome: string,
      data: Record<string, unknown> = {},
    ) => {
      // The pool by its role, not by the patient: patient data never goes in a URL.
      const pool = await as<Body>('GET', '/tasks?scope=pool&limit=500');
      const task = pool.body.items!.find(
        (x) => x.instanceId === started.body.instance!.id && x.step === step,
      )!;
      const path = `/tasks/${encodeURIComponent(task.id)}`;
      expect((await as('POST', `${path}/claim`)).status).toBe(200);
      expect((await as('POST', `${path}/complete`, { outcome, data })).status).toBe(200);
    };
    await work(desk, 'log-question', 'logged', { requestType: 'insurance-denial', statementNumber: 'ST-1' });
    await work(billing, 'check-account', 'checked', {
      guarantorCorrect: true,
      insuranceIssue: true,
      balance: 240,
    });
    await work(billing, 'work-claim', 'resubmitted');

    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'billing-specialist', PASSWORD);
      await page.getByTestId('request-status').click();
      await page.getByTestId('request-status-patient').fill(PATIENT);
      await page.getByTestId('request-status-submit').click();
      const wait = page.getByTestId('request-status-wait');
      await wait.first().waitFor();
      const text = (await wait.first().textContent()) ?? '';
      expect(text).toMatch(
        /^Waiting — Wait for the payer to adjudicate the claim · until \w{3}, \w{3} \d{1,2}, \d{1,2}:\d{2} [AP]M at the latest \(in \d+ d\)$/,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await look(page, 'request-status-waits');

      // Nobody holds it while it waits: a note for the next person goes to whoever takes it up next.
      const row = page.getByTestId('request-status-row').first();
      await row.getByTestId('request-status-add-note').click();
      await row.getByTestId('task-note').fill('Payer said the resubmission is in review.');
      await row.getByTestId('task-note-save').click();
      await expect
        .poll(() => row.getByTestId('request-status-note-saved').textContent())
        .toBe('Saved: whoever works on the request next sees it highlighted.');
    } finally {
      await b.close();
    }
  });
});
