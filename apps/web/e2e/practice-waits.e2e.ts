import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { dismissToasts, openBrowser, screenshot, signIn } from './support/browser.ts';
import { publishDeadline } from './support/deadline-change.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A billing specialist's practice run of the billing question reaches the wait for the payer's answer.
 * No payer answers a sandbox, so the practice view lists the wait for them to play: the payer's answer,
 * or letting the time pass. They play it and the run goes on to their reply. The practice view looks
 * like practice: a banner says nothing reaches a patient, and what only makes sense for real work (the
 * "What changed for you" card, withdrawing a request) is not there.
 */
const BILLING = 'billing-question';
const PRACTICE_START = { patient: 'PRACTICE-0001', channel: 'portal', question: 'Practice: the question' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

type Api = Awaited<ReturnType<typeof apiSession>>;
type Active = { step: string; kind: string; taskId: string };

/** Claims and completes the open `step` of the run as the specialist. */
async function work(api: Api, instanceId: string, step: string, outcome: string, data = {}) {
  const run = await api<{ instance: { active: Active[] } }>('GET', `/instances/${instanceId}`);
  const task = run.body.instance.active.find((a) => a.step === step)!;
  expect((await api('POST', `/tasks/${task.taskId}/claim`, {})).status).toBe(200);
  expect((await api('POST', `/tasks/${task.taskId}/complete`, { outcome, data })).status).toBe(200);
}

async function startPractice(api: Api) {
  const started = await api<{ instance: { id: string; active: Active[] } }>('POST', '/instances', {
    definitionId: BILLING,
    practice: true,
    data: PRACTICE_START,
  });
  expect(started.status).toBe(201);
  return started.body.instance;
}

describe('a practice run’s waiting step, played in the practice view', () => {
  it('the specialist plays the payer’s answer and finishes the run; the view shows only practice', async () => {
    // A change to the billing question, so a refresher waits for the specialist in real My work.
    await publishDeadline(server.url, BILLING, 'reply-to-patient', 'P2D');

    const api = await apiSession(server.url, 'billing-specialist', PASSWORD);
    // One run just started (nobody has acted on it), one played up to the payer's answer.
    const fresh = await startPractice(api);
    const run = await startPractice(api);
    await work(api, run.id, 'log-question', 'logged', { requestType: 'insurance-denial' });
    await work(api, run.id, 'check-account', 'checked', { guarantorCorrect: true, insuranceIssue: true });
    await work(api, run.id, 'work-claim', 'resubmitted');

    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'billing-specialist', PASSWORD);
      // Real work: the refresher is asked for here.
      await page.getByTestId('refresher-card').waitFor();

      await page.goto(`${server.url}/work?view=practice`);
      const banner = page.getByTestId('practice-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('Practice run — nothing here reaches a patient');
      await page.getByTestId('my-work').waitFor();
      expect(await page.getByTestId('refresher-card').count()).toBe(0);

      // The wait, in the practice list, with the answers that play it.
      const wait = page.locator(`[data-testid="practice-wait"][data-instance-id="${run.id}"]`);
      await wait.waitFor();
      expect(await wait.getByRole('heading').textContent()).toBe(
        'Waiting for the payer to adjudicate the claim — play it for practice',
      );
      const answer = wait.getByTestId('practice-wait-answer-signal');
      const time = wait.getByTestId('practice-wait-answer-time');
      expect(await answer.textContent()).toContain('Claim adjudicated');
      expect(await time.textContent()).toContain('Let the time pass');
      expect(await wait.textContent()).toContain('Call the payer about the resubmitted claim');
      expect(await seriousViolations(page)).toEqual([]);
      await dismissToasts(page);
      await screenshot(page, 'practice-wait');

      // The payer's answer: the run goes on to the specialist's reply, opened for them.
      await answer.click();
      await wait.waitFor({ state: 'detached' });
      const panel = page.getByTestId('task-panel');
      await panel.getByRole('heading', { name: 'Reply to the patient with the outcome' }).waitFor();
      await panel.getByTestId('claim-button').click();
      await panel.getByTestId('outcome-button-replied').click();
      await panel
        .getByRole('heading', { name: 'Reply to the patient with the outcome' })
        .waitFor({ state: 'detached' });
      const ended = await api<{ instance: { status: string } }>('GET', `/instances/${run.id}`);
      expect(ended.body.instance.status).toBe('done');

      // A run nobody has acted on yet: no offer to withdraw it (a practice run reaches nobody).
      await page.goto(`${server.url}/work?view=practice&folder=pool:front-desk`);
      await page.locator(`[data-task-row="${fresh.active[0]!.taskId}"]`).click();
      await panel
        .getByRole('heading', { name: 'Log the billing question and attach the statement' })
        .waitFor();
      await panel.getByTestId('played-for-practice').waitFor();
      expect(await panel.getByTestId('task-withdraw-offer').count()).toBe(0);
      expect(await page.getByTestId('refresher-card').count()).toBe(0);
    } finally {
      await b.close();
    }
  });
});
