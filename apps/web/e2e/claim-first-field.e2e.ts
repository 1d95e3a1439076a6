import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { focused } from './support/keyboard.ts';
import { openPoolTask } from './support/pool-task.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Claiming a task puts the cursor in the step's first field, ready for what the step asks (the
 * patient's comment, the problem the caller has), not in the note box further down: its fields open
 * a moment after the claim (the task's draft is read first), and the note box, open all along, took
 * the focus meanwhile. The panel then scrolled past the fields, and on a tablet the keyboard came up
 * for a note nobody meant to write.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

type Body = { instance: { active: Array<{ step: string; taskId: string }> } };

/** A result the medical assistant verified: the provider's comment is next, in their pool. */
async function resultForProvider(patient: string): Promise<void> {
  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const started = await ma<Body>('POST', '/requests', {
    definitionId: 'lab-result-release',
    data: { patient, test: 'Potassium' },
  });
  expect(started.status).toBe(201);
  const verify = started.body.instance.active.find((a) => a.step === 'verify-result')!.taskId;
  expect((await ma('POST', `/tasks/${encodeURIComponent(verify)}/claim`)).status).toBe(200);
  const done = await ma('POST', `/tasks/${encodeURIComponent(verify)}/complete`, {
    outcome: 'verified',
    data: { resultKind: 'lab', flag: 'normal', holdRequested: false },
  });
  expect(done.status).toBe(200);
}

/**
 * The focus settles in the field `testId` once the claimed task's fields have opened and its draft
 * has been read (the outcome buttons enabled: the form is rebuilt from the draft then), and stays.
 */
async function focusSettlesIn(page: Page, testId: string): Promise<void> {
  await page
    .locator('[data-testid="task-form"] [data-testid^="form-field-"]:not([disabled])')
    .first()
    .waitFor();
  await page
    .locator('[data-testid="task-panel"] [data-testid^="outcome-button-"]:not([disabled])')
    .first()
    .waitFor();
  await expect.poll(async () => (await focused(page)).testId).toBe(testId);
  // A frame or two later, it has not been moved on.
  await page.waitForTimeout(300);
  expect((await focused(page)).testId).toBe(testId);
}

describe('claiming a task', () => {
  it("on a tablet, the provider's claimed result has the cursor in the comment for the patient", async () => {
    await resultForProvider('DEMO-4521');
    const b = await openBrowser({ width: 768, height: 1024, touch: true });
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      await page.getByTestId('work-folder-pool-provider').tap();
      await page.getByTestId('task-list').getByText('DEMO-4521 · Result: Potassium').first().tap();
      await page.getByTestId('claim-button').tap();
      await expect.poll(() => page.getByTestId('task-assignee').textContent()).toBe('Assigned to you');
      await focusSettlesIn(page, 'form-field-patientComment');
    } finally {
      await b.close();
    }
  });

  it('at the front desk, a claimed sign-in help request has the cursor in its first question', async () => {
    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await openPoolTask(page, 'front-desk', 'Sign-in help');
      await page.getByTestId('claim-button').click();
      await expect.poll(() => page.getByTestId('task-assignee').textContent()).toBe('Assigned to you');
      await focusSettlesIn(page, 'form-field-problem');
    } finally {
      await b.close();
    }
  });
});
