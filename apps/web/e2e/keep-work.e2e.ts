import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * What a person is working on stays theirs to leave: an admin changing their roles keeps them signed
 * in with what they typed, and a task a colleague takes or finishes says so where it was instead of
 * opening another patient's request by itself.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // A colleague in the same pool.
  await addColleague(server, 'medical-assistant', {
    username: 'medical-assistant-2',
    displayName: 'Second MA',
  });
  // One whose roles an admin changes in the keyboard test.
  await addColleague(server, 'medical-assistant', {
    username: 'medical-assistant-3',
    displayName: 'Third MA',
  });
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1440, height: 900 };

/** A portal message in the medical assistants' pool; answers its first task's id and its instance. */
async function portalMessage(patient: string, subject: string) {
  const api = await apiSession(server.url, 'medical-assistant-2', PASSWORD);
  const started = await api<{ instance: { id: string; active: { taskId: string }[] } }>('POST', '/requests', {
    definitionId: 'portal-message-triage',
    data: { patient, subject, message: 'Please call me back.' },
  });
  expect(started.status).toBe(201);
  return { taskId: started.body.instance.active[0]!.taskId, instanceId: started.body.instance.id };
}

const panelTask = (page: Page) => page.getByTestId('task-panel').getAttribute('data-task-id');
const taskOpen = (page: Page, id: string) =>
  page.locator(`[data-testid="task-panel"][data-task-id="${id}"]`).waitFor();

/** The live stream's requests, ended or failed: one more means the server ended it. */
function streamEnds(page: Page) {
  let n = 0;
  const ended = (r: { url(): string }) => {
    if (new URL(r.url()).pathname === '/api/events') n++;
  };
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return () => n;
}

describe('a role change keeps the person signed in with their typed work', () => {
  it('an admin adds a role while a note is typed: the page stays, the note and topic stay, the new pool shows', async () => {
    const { taskId } = await portalMessage('DEMO-8101', 'Keep my note');
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      await page.getByTestId(`task-row-${taskId}`).click();
      await taskOpen(page, taskId);
      await page.getByTestId('claim-button').click();
      await page.getByTestId('release-button').waitFor();
      await page.getByTestId('form-field-topic').click();
      await page.getByRole('option').first().click();
      const topic = await page.getByTestId('form-field-topic').inputValue();
      expect(topic).not.toBe('');
      await page.getByTestId('task-note').fill('Called the patient, left a voicemail');
      const kept = page.url();
      const ends = streamEnds(page);

      const admin = await apiSession(server.url, 'admin', PASSWORD);
      const me = await server.server.store.findUserByUsername('medical-assistant');
      const changed = await admin('PATCH', `/users/${me!.id}`, { roles: ['medical-assistant', 'scheduler'] });
      expect(changed.status).toBe(200);

      // The stream opened under the old roles ends and comes back; the new role's pool shows.
      await expect.poll(ends, { timeout: 15_000 }).toBeGreaterThan(0);
      await page.getByTestId('work-folder-pool-scheduler').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('session-ended').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(1);
      expect(page.url()).toBe(kept);
      expect(await panelTask(page)).toBe(taskId);
      expect(await page.getByTestId('form-field-topic').inputValue()).toBe(topic);
      expect(await page.getByTestId('task-note').inputValue()).toBe('Called the patient, left a voicemail');
    } finally {
      await b.close();
    }
  });
});

describe('nobody’s record opens by itself', () => {
  for (const what of ['taken', 'finished'] as const) {
    it(`a task a colleague ${what} while it was open here says so in place; no other request opens`, async () => {
      const open = await portalMessage(`DEMO-82${what === 'taken' ? '01' : '02'}`, `Viewed ${what}`);
      const other = await portalMessage(`DEMO-83${what === 'taken' ? '01' : '02'}`, `Next in line ${what}`);
      const b = await openBrowser(WIDE);
      try {
        const { page } = b;
        const fetched: string[] = [];
        page.on('request', (r) => {
          const path = new URL(r.url()).pathname;
          if (path.startsWith('/api/tasks/'))
            fetched.push(decodeURIComponent(path.slice('/api/tasks/'.length)));
        });
        await signIn(page, server.url, 'medical-assistant', PASSWORD);
        await page.getByTestId('work-folder-pool-medical-assistant').click();
        const row = page.getByTestId(`task-row-${open.taskId}`);
        const subject = (await row.getByTestId('task-row-subject').textContent())!;
        expect(subject).toMatch(/^DEMO-82/);
        await row.click();
        await taskOpen(page, open.taskId);
        expect(await page.getByTestId('task-panel-request').textContent()).toBe(subject);
        const since = new Date(testNow()).toISOString();

        const colleague = await apiSession(server.url, 'medical-assistant-2', PASSWORD);
        const path = `/tasks/${encodeURIComponent(open.taskId)}`;
        expect((await colleague('POST', `${path}/claim`, {})).status).toBe(200);
        if (what === 'finished')
          expect(
            (
              await colleague('POST', `${path}/complete`, {
                outcome: 'sorted',
                data: { topic: 'other', redFlags: false },
              })
            ).status,
          ).toBe(200);

        // The pool list loses it live; the panel keeps it and says what became of it.
        await row.waitFor({ state: 'detached', timeout: 15_000 });
        if (what === 'taken') await page.getByTestId('task-taken-note').waitFor({ timeout: 15_000 });
        else await page.getByTestId('task-closed-note').waitFor({ timeout: 15_000 });
        await page.waitForTimeout(1500);
        expect(await panelTask(page)).toBe(open.taskId);
        expect(new URL(page.url()).searchParams.get('task')).toBe(open.taskId);
        // The request the person saw, still named as they saw it.
        expect(await page.getByTestId('task-panel-request').textContent()).toBe(subject);
        expect(fetched).not.toContain(other.taskId);

        // Nothing of the other request was opened in this person's name.
        const auditor = await apiSession(server.url, 'auditor', PASSWORD);
        const me = await server.server.store.findUserByUsername('medical-assistant');
        const log = await auditor<{ items: Array<{ detail: string | null; outcome: string }> }>(
          'GET',
          `/audit/access-log?instanceId=${other.instanceId}&userId=${me!.id}&listReads=false&from=${encodeURIComponent(since)}`,
        );
        expect(log.status).toBe(200);
        expect(log.body.items.filter((r) => r.detail?.startsWith('step '))).toEqual([]);
      } finally {
        await b.close();
      }
    });
  }
});

describe('the keyboard', () => {
  const active = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        tag: el?.tagName.toLowerCase() ?? null,
        text: el?.textContent?.trim() ?? '',
        row: el?.getAttribute('data-task-row') ?? null,
        inPanel: el?.closest('[data-testid="task-panel"]')?.getAttribute('data-task-id') ?? null,
        inForm: !!el?.closest('[data-testid="task-form"]'),
        inMain: !!el?.closest('main'),
        isHeading: el?.id === 'task-panel-title',
      };
    });

  it('c claims the task under the cursor and puts the focus in its first field', async () => {
    const { taskId: id } = await portalMessage('DEMO-8401', 'Keyboard claim');
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      const row = page.getByTestId(`task-row-${id}`);
      await row.waitFor();
      // The list's cursor on the row, as j puts it there: down the list one row at a time.
      const rows = await page.getByTestId('task-list').locator('[data-task-row]').count();
      for (let i = 0; i < rows && (await active(page)).row !== id; i++) {
        const was = (await active(page)).row;
        await page.keyboard.press('j');
        await expect.poll(async () => (await active(page)).row).not.toBe(was);
      }
      await expect.poll(async () => (await active(page)).row).toBe(id);
      await page.keyboard.press('c');
      await taskOpen(page, id);
      await expect.poll(() => page.getByTestId('task-assignee').textContent()).toBe('Assigned to you');
      await expect.poll(async () => (await active(page)).inPanel, { timeout: 10_000 }).toBe(id);
      const now = await active(page);
      expect(now.inForm || now.isHeading).toBe(true);
      expect(now.tag).not.toBe('body');
    } finally {
      await b.close();
    }
  });

  it('j moves the cursor in the pool after an admin changes the person’s roles, and after they sign in again', async () => {
    const { taskId: id } = await portalMessage('DEMO-8402', 'Keyboard after a role change');
    const first = await openBrowser(WIDE);
    const again = await openBrowser(WIDE);
    try {
      const { page } = first;
      await signIn(page, server.url, 'medical-assistant-3', PASSWORD);
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      await page.getByTestId(`task-row-${id}`).waitFor();

      const admin = await apiSession(server.url, 'admin', PASSWORD);
      const me = await server.server.store.findUserByUsername('medical-assistant-3');
      const changed = await admin('PATCH', `/users/${me!.id}`, { roles: ['medical-assistant', 'scheduler'] });
      expect(changed.status).toBe(200);
      await page.getByTestId('work-folder-pool-scheduler').waitFor({ timeout: 15_000 });

      // Still signed in with the new roles: j puts the cursor on the pool's first row.
      await page.getByTestId('work-folder-pool-medical-assistant').click();
      const rows = page.getByTestId('task-list').locator('[data-task-row]');
      await rows.first().waitFor();
      const top = await rows.first().getAttribute('data-task-row');
      await page.keyboard.press('j');
      await expect.poll(async () => (await active(page)).row, { timeout: 5_000 }).toBe(top);

      // Signing in again with the new roles: the same.
      await signIn(again.page, server.url, 'medical-assistant-3', PASSWORD);
      await again.page.getByTestId('work-folder-pool-medical-assistant').click();
      const rowsAgain = again.page.getByTestId('task-list').locator('[data-task-row]');
      await rowsAgain.first().waitFor();
      const topAgain = await rowsAgain.first().getAttribute('data-task-row');
      await again.page.keyboard.press('j');
      await expect.poll(async () => (await active(again.page)).row, { timeout: 5_000 }).toBe(topAgain);
      await again.page.keyboard.press('j');
      const second = await rowsAgain.nth(1).getAttribute('data-task-row');
      await expect.poll(async () => (await active(again.page)).row, { timeout: 5_000 }).toBe(second);
    } finally {
      await first.close();
      await again.close();
    }
  });

  it('the first Tab reaches “Skip to main content”, which takes the focus into the screen', async () => {
    const b = await openBrowser(WIDE);
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Tab');
      const first = await active(page);
      expect(first.text).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await active(page)).inMain).toBe(true);
      expect(new URL(page.url()).hash).toBe('');
      await page.keyboard.press('Tab');
      expect((await active(page)).inMain).toBe(true);
    } finally {
      await b.close();
    }
  });
});

describe('the “Request started” notice', () => {
  it('covers no row of the list, keeps its Withdraw for 20 seconds', async () => {
    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      await page.clock.install({ time: testNow() });
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('work-folder-pool-front-desk').click();
      await page.getByTestId('task-list').locator('[data-task-row]').first().waitFor();
      await page.getByTestId('new-request').click();
      await page.getByTestId('new-request-workflow').click();
      await page.getByRole('option', { name: 'Prescription refill request' }).click();
      const form = page.getByTestId('new-request-form');
      await form.locator('[data-testid="form-field-patient"]').fill('DEMO-8501');
      await form.locator('[data-testid="form-field-medication"]').fill('losartan');
      await page.getByTestId('new-request-submit').click();
      const withdraw = page.getByTestId('withdraw-request');
      await withdraw.waitFor();
      // Its entrance (timers the page's clock holds) played out: where it stays.
      await page.clock.fastForward(1_000);
      await page.waitForTimeout(500);
      const notice = page.locator(':is(.mantine-Notification-root, [data-testid="request-started"])', {
        has: withdraw,
      });
      expect(await notice.textContent()).toContain('DEMO-8501 · Refill: losartan');
      const box = (await notice.boundingBox())!;
      const rows = await page
        .locator('[data-task-row]')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
      const overlaps = rows.filter(
        (r) =>
          r.left < box.x + box.width &&
          box.x < r.right &&
          r.top < box.y + box.height &&
          box.y < r.bottom &&
          r.bottom > 0 &&
          r.top < 800,
      );
      await screenshot(page, 'my-work-request-started', { keepToasts: true });
      expect(await seriousViolations(page)).toEqual([]);
      expect(overlaps).toEqual([]);
      await page.clock.fastForward(12_000);
      await withdraw.waitFor();
      await page.clock.fastForward(8_000);
      await withdraw.waitFor({ state: 'detached' });
    } finally {
      await b.close();
    }
  });

  it('toasts cover no row; after several starts one compact notice stays, for the newest, the others withdrawn from Request status', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('work-folder-pool-front-desk').click();
      const rows = page.getByTestId('task-list').locator('[data-task-row]');
      await rows.first().waitFor();
      // A claim's toast sits where no row of the list, no folder and no "Signed in as" is.
      await rows.first().click();
      await page.getByTestId('claim-button').click();
      const toast = page.locator('.mantine-Notification-root', { hasText: 'Claimed' });
      await toast.waitFor();
      await page.waitForTimeout(500);
      const box = (await toast.boundingBox())!;
      const covered = await page
        .locator('[data-task-row], [data-testid="signed-in-as"], [data-testid^="work-folder-"]')
        .evaluateAll((els, b) => {
          const hit = (r: DOMRect) =>
            r.width > 0 &&
            r.left < b.x + b.width &&
            b.x < r.right &&
            r.top < b.y + b.height &&
            b.y < r.bottom;
          return els
            .filter((el) => hit(el.getBoundingClientRect()))
            .map((el) => el.getAttribute('data-testid') ?? el.getAttribute('data-task-row'));
        }, box);
      expect(covered).toEqual([]);
      await screenshot(page, 'my-work-claimed-toast', { keepToasts: true });
      const startRefill = async (patient: string, medication: string) => {
        await page.getByTestId('new-request').click();
        await page.getByTestId('new-request-workflow').click();
        await page.getByRole('option', { name: 'Prescription refill request' }).click();
        const form = page.getByTestId('new-request-form');
        await form.locator('[data-testid="form-field-patient"]').fill(patient);
        await form.locator('[data-testid="form-field-medication"]').fill(medication);
        await page.getByTestId('new-request-submit').click();
        await page.getByTestId('request-started').filter({ hasText: patient }).waitFor();
      };
      await startRefill('DEMO-8601', 'atenolol');
      await startRefill('DEMO-8602', 'metoprolol');
      await startRefill('DEMO-8603', 'lisinopril');
      // One notice, the newest, with its Withdraw; small enough to leave the pool its rows.
      const notices = page.getByTestId('request-started');
      expect(await notices.count()).toBe(1);
      expect(await notices.textContent()).toContain('DEMO-8603 · Refill: lisinopril');
      await notices.getByTestId('withdraw-request').waitFor();
      expect((await notices.boundingBox())!.height).toBeLessThanOrEqual(72);
      const visibleRows = await rows.evaluateAll(
        (els) => els.filter((el) => el.getBoundingClientRect().bottom <= window.innerHeight).length,
      );
      expect(visibleRows).toBeGreaterThanOrEqual(3);
      await screenshot(page, 'my-work-request-started-again', { keepToasts: true });

      // The older ones are still the desk's to withdraw, from Request status.
      await page.getByTestId('request-status').click();
      await page.getByTestId('request-status-patient').fill('DEMO-8601');
      await page.getByTestId('request-status-submit').click();
      const found = page.getByTestId('request-status-row').filter({ hasText: 'atenolol' });
      await found.getByTestId('request-withdraw').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('request-status-patient').waitFor({ state: 'detached' });
    } finally {
      await b.close();
    }
  });
});
