import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * My work names roles as every other screen does, by the title the clinic gave them ("Front desk
 * receptionist", "Patient billing specialist"), never by words made from the role's id ("Front desk").
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1440, height: 900 };

/** A billing question logged by the front desk; answers its first task's id. */
async function billingQuestion(patient: string, question: string): Promise<string> {
  const desk = await apiSession(server.url, 'front-desk', PASSWORD);
  const started = await desk<{ instance: { active: { taskId: string }[] } }>('POST', '/requests', {
    definitionId: 'billing-question',
    data: { patient, channel: 'front-desk', question },
  });
  expect(started.status).toBe(201);
  return started.body.instance.active[0]!.taskId;
}

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim();

describe('role titles in My work', () => {
  it('the pool folder, its rows, the task and the release say the role’s title', async () => {
    const id = await billingQuestion('DEMO-6321', 'Charged twice for the May visit');
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      const folder = page.getByTestId('work-folder-pool-front-desk');
      await folder.waitFor();
      // The titles come with the roles, read beside the queues.
      await expect
        .poll(() => text(page, 'work-folder-pool-front-desk'))
        .toMatch(/^Front desk receptionist pool/);
      await folder.click();
      await expect
        .poll(() => page.locator('#task-list-heading').textContent())
        .toBe('Front desk receptionist pool');

      const row = page.getByTestId(`task-row-${id}`);
      await row.waitFor();
      expect(await row.textContent()).toContain('Billing question · Front desk receptionist');
      await row.click();
      await page.locator(`[data-testid="task-panel"][data-task-id="${id}"]`).waitFor();
      expect(await text(page, 'task-assignee')).toBe(
        'Unassigned — waiting in the Front desk receptionist pool',
      );
      await screenshot(page, 'my-work-role-titles');

      await page.getByTestId('claim-button').click();
      // A confirmation waits its turn with a screen reader (status); only a failure interrupts (alert).
      await page.getByRole('status').filter({ hasText: 'Claimed' }).first().waitFor();
      expect(await page.getByRole('alert').filter({ hasText: 'Claimed' }).count()).toBe(0);
      await page.getByTestId('release-button').click();
      await page.getByText('is back in the Front desk receptionist pool.').first().waitFor();
    } finally {
      await b.close();
    }
  });

  it('My work comes with the role titles: a name made from the role id never shows, not even for a moment', async () => {
    await billingQuestion('DEMO-6323', 'Asked for an itemised bill');
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      // Every text My work ever shows is checked, so a name shown for a moment is caught too.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { madeUp: string[] }).madeUp = seen;
        new MutationObserver(() => {
          const said = document.querySelector('[data-testid="my-work"]')?.textContent ?? '';
          const found = said.match(/Front desk(?! receptionist).{0,12}/);
          if (found) seen.push(found[0]);
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      // The clinic's role list, where the role titles come from, is held back.
      const held: (() => void)[] = [];
      let holding = true;
      await page.route(
        (url) => url.pathname === '/api/roles',
        (route) => (holding ? void held.push(() => void route.continue()) : void route.continue()),
      );
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await expect.poll(() => held.length).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { madeUp: string[] }).madeUp)).toEqual([]);
      // Still loading: no folder yet, rather than one with a made-up name to be renamed and grow.
      await page.getByTestId('screen-loading').waitFor();
      const folder = page.getByTestId('work-folder-pool-front-desk');
      expect(await folder.count()).toBe(0);

      holding = false;
      for (const go of held.splice(0)) go();
      await folder.waitFor();
      // Its first words are the title (the whole task list may still be on its way).
      expect(await text(page, 'work-folder-pool-front-desk')).toMatch(/^Front desk receptionist pool/);
      const before = await folder.boundingBox();
      await folder.click();
      await expect
        .poll(() => page.locator('#task-list-heading').textContent())
        .toBe('Front desk receptionist pool');
      await page.getByText('Billing question · Front desk receptionist').first().waitFor();
      expect((await folder.boundingBox())?.height).toBe(before?.height);
      expect(await page.evaluate(() => (window as unknown as { madeUp: string[] }).madeUp)).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('a task a lead moved says in its history which pool it went to, by title', async () => {
    const id = await billingQuestion('DEMO-6322', 'Statement shows the wrong insurance');
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const moved = await lead('POST', `/tasks/${encodeURIComponent(id)}/reassign`, {
      role: 'billing-specialist',
      reason: 'Billing answers this one directly',
    });
    expect(moved.status).toBe(200);

    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'billing-specialist', PASSWORD);
      await page.getByTestId('work-folder-pool-billing-specialist').click();
      await expect
        .poll(() => page.locator('#task-list-heading').textContent())
        .toBe('Patient billing specialist pool');
      await page.getByTestId(`task-row-${id}`).click();
      const history = page.getByTestId('task-history');
      await history.getByText('Moved to the Patient billing specialist pool').waitFor();
      const said = (await history.textContent()) ?? '';
      expect(said).toContain('Role: Front desk receptionist → Patient billing specialist');
      expect(said).not.toMatch(/Front desk(?! receptionist)/);
      await history.scrollIntoViewIfNeeded();
      await screenshot(page, 'my-work-history-role-titles');
    } finally {
      await b.close();
    }
  });

  it('a role whose title already says pool is not called a “pool pool”', async () => {
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      await expect
        .poll(() => page.locator('#task-list-heading').textContent())
        .toBe('Medical assistant (care-team pool)');
      expect(await text(page, 'work-folder-pool-medical-assistant')).toMatch(
        /^Medical assistant \(care-team pool\)\d/,
      );
    } finally {
      await b.close();
    }
  });
});
