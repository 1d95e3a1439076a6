import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { dismissToasts, openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A refresher whose practice run starts at another role's step. A lead gives the billing specialist two
 * business days to reply to a billing question. The specialist reads what changed and starts the
 * practice run: its first step is the front desk's, which they play for practice, and they go on
 * through their own steps to the end; that finishes the refresher. The billing supervisor, who only
 * gets the reply when it is overdue, reads the new time and is done: no practice run is asked of them.
 */
const BILLING = 'billing-question';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

/** Claims the open task in the panel, then chooses `outcome` (after filling what `fill` fills in). */
async function play(page: Page, title: string, outcome: string, fill: () => Promise<void> = async () => {}) {
  const panel = page.getByTestId('task-panel');
  await panel.getByRole('heading', { name: title }).waitFor();
  await panel.getByTestId('claim-button').click();
  await panel.getByTestId('task-form').waitFor();
  await panel.getByTestId(`outcome-button-${outcome}`).waitFor();
  await fill();
  await panel.getByTestId(`outcome-button-${outcome}`).click();
  await panel.getByRole('heading', { name: title }).waitFor({ state: 'detached' });
}

describe('a refresher played through from another role’s first step', () => {
  it('the billing specialist plays the front desk’s step for practice and finishes the refresher', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const current = await lead<{
      draft: { revision: number };
      latest: { version: number; definition: { steps: Record<string, { deadline: { after: string } }> } };
    }>('GET', `/definitions/${BILLING}`);
    const definition = structuredClone(current.body.latest.definition);
    definition.steps['reply-to-patient']!.deadline.after = 'P2D';
    expect(
      (await lead('PUT', `/definitions/${BILLING}`, { definition, revision: current.body.draft.revision }))
        .status,
    ).toBe(200);
    expect((await lead('POST', `/definitions/${BILLING}/publish`, {})).status).toBe(200);
    const version = current.body.latest.version + 1;

    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'billing-specialist', PASSWORD);
      await page.getByTestId('refresher-card').waitFor();
      await page.getByTestId('refresher-card-open').click();
      const item = page.locator('[data-testid="refresher-item"][data-role="billing-specialist"]');
      await item.waitFor();
      expect(await item.textContent()).toContain(
        'Reply to the patient with the outcome: 1 business day, then to Billing supervisor → 2 business days, then to Billing supervisor',
      );
      await item.getByTestId('refresher-practice-hint').waitFor();
      await item.getByTestId('refresher-acknowledge').click();
      await item.getByRole('button', { name: 'Read', exact: true }).waitFor();
      await item.getByTestId('refresher-practice').click();

      // The practice view opens on the run's first step: the front desk's, played for practice.
      await page.getByTestId('practice-banner').waitFor();
      const panel = page.getByTestId('task-panel');
      await panel
        .getByRole('heading', { name: 'Log the billing question and attach the statement' })
        .waitFor();
      await panel.getByTestId('played-for-practice').waitFor();
      expect(await panel.getByTestId('played-for-practice').textContent()).toBe(
        'Played for practice as Front desk receptionist',
      );
      await panel.getByTestId('played-for-practice-note').waitFor();
      expect(await page.getByTestId('work-folder-pool-front-desk').textContent()).toContain(
        'played for practice',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await dismissToasts(page);
      await screenshot(page, 'practice-played-for-another-role');

      await play(page, 'Log the billing question and attach the statement', 'logged', async () => {
        await panel.getByTestId('form-field-requestType').click();
        await page.getByRole('option', { name: /statement question/i }).click();
      });
      // On to the specialist's own steps, each opened in turn, to the end of the run.
      await play(page, 'Check the guarantor and the statement', 'checked', async () => {
        expect(await panel.getByTestId('played-for-practice').count()).toBe(0);
        await panel.getByTestId('form-field-guarantorCorrect').getByText('Yes', { exact: true }).click();
        await panel.getByTestId('form-field-insuranceIssue').getByText('No', { exact: true }).click();
      });
      await play(page, 'Offer a payment plan or financial-assistance screening', 'declined');
      await play(page, 'Reply to the patient with the outcome', 'replied');

      // The run is finished, and with it the refresher.
      await page.goto(`${server.url}/refresher`);
      await page.getByTestId('refresher-up-to-date').waitFor();
      const done = page.getByTestId('refresher-done').filter({ hasText: 'Billing question' });
      await done.waitFor();
      expect(await done.textContent()).toContain(`up to version ${version}`);
      expect(await done.textContent()).toContain('practised');
    } finally {
      await b.close();
    }

    // The billing supervisor only receives the reply when it is overdue: read, no practice run.
    const s = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = s;
      await signIn(page, server.url, 'billing-supervisor', PASSWORD);
      await page.getByTestId('refresher-card').waitFor();
      expect(await page.getByTestId('refresher-card-open').textContent()).toBe('Review');
      await page.getByTestId('refresher-card-open').click();
      const item = page.locator('[data-testid="refresher-item"][data-role="billing-supervisor"]');
      await item.waitFor();
      const text = await item.textContent();
      expect(text).toContain('Escalations landing on this role at another time');
      expect(text).toContain(
        'Reply to the patient with the outcome (Patient billing specialist) escalated after 2 business days (was 1 business day)',
      );
      await item.getByTestId('refresher-read-only').waitFor();
      expect(await item.getByTestId('refresher-practice').count()).toBe(0);
      expect(text).not.toContain('practice run of version');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'refresher-read-only');
      await item.getByTestId('refresher-acknowledge').click();
      await page.getByTestId('refresher-up-to-date').waitFor();
    } finally {
      await s.close();
    }

    // The lead's training record: both done; the supervisor's practice run not needed.
    const l = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = l;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByRole('link', { name: 'Training' }).click();
      const person = (role: string, username: string) =>
        page.locator(
          `[data-testid="refresher-row"][data-role="${role}"] [data-testid="refresher-person"][data-username="${username}"]`,
        );
      await person('billing-specialist', 'billing-specialist')
        .and(page.locator('[data-done="true"]'))
        .waitFor();
      const supervisor = person('billing-supervisor', 'billing-supervisor');
      await supervisor.and(page.locator('[data-done="true"]')).waitFor();
      await supervisor.getByTestId('refresher-practice-not-needed').waitFor();
    } finally {
      await l.close();
    }
  });
});
