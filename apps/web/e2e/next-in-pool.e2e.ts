import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { openPoolTask, verifyNormalLabResult } from './support/pool-task.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The billing specialist checks the account and finds an insurance problem: the request's next step,
 * "Work the insurance claim", is the billing specialist's again, and lands in their pool. The toast of
 * the completion says so, so the person who has just read the account can take it on instead of
 * finding it again in the pool later.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENT = 'DEMO-9302';
type Body = { items?: Array<{ id: string; instanceId: string }>; instance?: { id: string } };

describe('the toast after completing a step', () => {
  it('names the same request’s next step waiting in the same pool', async () => {
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk<Body>('POST', '/requests', {
      definitionId: 'billing-question',
      data: { patient: PATIENT, channel: 'portal', requestType: 'insurance-denial' },
    });
    expect(started.status).toBe(201);
    // The pool by its role, not by the patient: patient data never goes in a URL.
    const pool = await desk<Body>('GET', '/tasks?scope=pool&limit=500');
    const first = pool.body.items!.find((x) => x.instanceId === started.body.instance!.id)!;
    const log = `/tasks/${encodeURIComponent(first.id)}`;
    expect((await desk('POST', `${log}/claim`)).status).toBe(200);
    expect(
      (
        await desk('POST', `${log}/complete`, {
          outcome: 'logged',
          data: { requestType: 'insurance-denial' },
        })
      ).status,
    ).toBe(200);

    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'billing-specialist', PASSWORD);
      await page.getByTestId('work-folder-pool-billing-specialist').click();
      await page.getByTestId('task-list').getByText(`${PATIENT} · Billing: Insurance denial`).first().click();
      await page.getByTestId('claim-button').click();
      const form = page.getByTestId('task-form');
      await form.waitFor();
      await form.getByRole('radio', { name: 'Yes' }).nth(0).check();
      await form.getByRole('radio', { name: 'Yes' }).nth(1).check();
      await page.getByTestId('form-field-balance').fill('240');
      await page.getByTestId('outcome-button-checked').click();
      const next = page.getByTestId('completed-next');
      await next.waitFor();
      expect(await next.textContent()).toBe(
        'Next on this request: “Work the insurance claim”, waiting in the Patient billing specialist pool.',
      );
      await look(page, 'next-in-pool');
    } finally {
      await b.close();
    }
  });

  it('says where the request went when it goes on to another role', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = b;
      const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
      const started = await ma<Body>('POST', '/requests', {
        definitionId: 'lab-result-release',
        data: { patient: 'DEMO-9303', test: 'Potassium' },
      });
      expect(started.status).toBe(201);
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await openPoolTask(page, 'medical-assistant', 'DEMO-9303 · Result: Potassium');
      await page.getByTestId('claim-button').click();
      await verifyNormalLabResult(page);
      const next = page.getByTestId('completed-next');
      await next.waitFor();
      expect(await next.textContent()).toMatch(/^Now with the (?!Medical assistant)[A-Z][^:]+ pool: “.+”\.$/);
    } finally {
      await b.close();
    }
  });
});
