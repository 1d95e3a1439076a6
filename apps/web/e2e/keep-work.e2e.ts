import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * What a person is working on stays theirs to leave: an admin changing their roles keeps them signed
 * in with what they typed, and a task a colleague takes or finishes says so where it was instead of
 * opening another patient's request by itself.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // A colleague in the same pool.
  const ma = await server.server.store.findUserByUsername('medical-assistant');
  if (!ma) throw new Error('demo users missing');
  await server.server.store.createUser({
    username: 'medical-assistant-2',
    passwordHash: ma.passwordHash,
    displayName: 'Second MA',
    roles: ['medical-assistant'],
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
        const since = new Date().toISOString();

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
