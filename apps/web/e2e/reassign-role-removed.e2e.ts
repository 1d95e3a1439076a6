import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead moves work to a colleague while an admin takes that colleague's role away. A screen that
 * hears of it live says so before the lead confirms; one that missed it gets the server's refusal,
 * and the lead reads why in the dialog, in words (who, and the role by its title), not a code or a
 * role id.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const ROSA_PASSWORD = 'rosa sorts the refill queue';
const ROLE = 'refill-coordinator';
const KEPT = 'medical-assistant';
const PATIENT = 'DEMO-6377';

/** The lead, on Team, chooses the refill request and reviews handing it to Rosa. */
async function reviewRefillToRosa(page: Page): Promise<void> {
  await signIn(page, server.url, 'lead', PASSWORD);
  await page.goto(`${server.url}/team`);
  const table = page.getByTestId('team-table');
  await table.waitFor();
  await table.getByRole('checkbox', { name: new RegExp(`${PATIENT} · Refill: metformin`) }).check();
  await page.getByTestId('bulk-reassign-button').click();
  await page.getByTestId('reassign-target-person').click();
  await page.getByTestId('reassign-person').click();
  await page.getByRole('option', { name: /Rosa Diaz/ }).click();
  await page.getByTestId('reassign-review').click();
}

describe('reassigning to someone whose role was just taken away', () => {
  it('the lead sees the server’s reason in words, and nothing moved', async () => {
    const asAdmin = await apiSession(server.url, 'admin', PASSWORD);
    const made = await asAdmin<{ user: { id: string } }>('POST', '/users', {
      username: 'rosa-diaz',
      displayName: 'Rosa Diaz',
      roles: [ROLE, KEPT],
      password: ROSA_PASSWORD,
    });
    expect(made.status).toBe(201);
    // Rosa holds a task of the role she keeps: the lead's dialog offers her as someone holding work.
    const asRosa = await apiSession(server.url, 'rosa-diaz', ROSA_PASSWORD);
    const kept = await asRosa<{ items: Array<{ id: string }> }>('GET', `/tasks?scope=pool&role=${KEPT}`);
    expect((await asRosa('POST', `/tasks/${encodeURIComponent(kept.body.items[0]!.id)}/claim`)).status).toBe(
      200,
    );
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk<{ instance: { active: Array<{ taskId: string }> } }>('POST', '/requests', {
      definitionId: 'prescription-refill',
      data: { patient: PATIENT, medication: 'metformin' },
    });
    expect(started.status).toBe(201);
    const taskId = started.body.instance.active[0]!.taskId;

    const b = await openBrowser({ width: 1440, height: 900, noServiceWorker: true });
    try {
      // A screen that misses the live word of the change (a dropped connection): its confirmation
      // still offers Rosa, and the server's refusal is what the lead reads.
      await b.page.route('**/api/events', (route) => route.abort('internetdisconnected'));
      await reviewRefillToRosa(b.page);

      // While the lead reads the confirmation, an admin takes the refill role from Rosa.
      const saved = await asAdmin('PATCH', `/users/${made.body.user.id}`, { roles: [KEPT] });
      expect(saved.status).toBe(200);

      await b.page.getByTestId('reassign-confirm').click();
      // Back on the form, the refusal is said under the Person field, which takes the focus: the
      // lead chooses someone else there.
      const dialog = b.page.getByTestId('reassign-dialog');
      const refusal = dialog.getByText(
        'Rosa Diaz does not hold the role Pharmacy refill coordinator: choose someone who holds it, or send the task to a pool',
      );
      await refusal.waitFor();
      const person = b.page.getByTestId('reassign-person');
      expect(await person.getAttribute('aria-invalid')).toBe('true');
      expect(await person.evaluate((el) => el === document.activeElement)).toBe(true);
      const describedBy = (await person.getAttribute('aria-describedby')) ?? '';
      expect(await refusal.evaluate((el, ids) => ids.split(' ').includes(el.id), describedBy)).toBe(true);
      expect(await dialog.textContent()).not.toContain(ROLE);
      await look(b.page, 'reassign-role-removed');
      // Choosing someone else clears it.
      await person.click();
      await b.page.getByRole('option', { name: /Hannah Lee/ }).click();
      expect(await refusal.count()).toBe(0);

      const asLead = await apiSession(server.url, 'lead', PASSWORD);
      const task = await asLead<{ task: { assignee: string | null } }>(
        'GET',
        `/tasks/${encodeURIComponent(taskId)}`,
      );
      expect(task.body.task.assignee).toBeNull();
    } finally {
      await b.close();
    }
  });

  it('a lead whose screen hears the change is told before confirming, and cannot confirm', async () => {
    const asAdmin = await apiSession(server.url, 'admin', PASSWORD);
    const { body } = await asAdmin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
    const rosa = body.users.find((u) => u.username === 'rosa-diaz')!;
    expect((await asAdmin('PATCH', `/users/${rosa.id}`, { roles: [ROLE, KEPT] })).status).toBe(200);

    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      await reviewRefillToRosa(b.page);
      const confirm = b.page.getByTestId('reassign-confirm');
      expect(await confirm.isDisabled()).toBe(false);

      expect((await asAdmin('PATCH', `/users/${rosa.id}`, { roles: [KEPT] })).status).toBe(200);
      await b.page
        .getByTestId('reassign-dialog')
        .getByText('Rosa Diaz does not hold the role of 1 of these tasks')
        .waitFor({ timeout: 10_000 });
      expect(await confirm.isDisabled()).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('moving work to a pool whose only holder was just disabled: the refusal is under Role', async () => {
    const asAdmin = await apiSession(server.url, 'admin', PASSWORD);
    const { body } = await asAdmin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
    const director = body.users.find((u) => u.username === 'medical-director')!;
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk('POST', '/requests', {
      definitionId: 'prescription-refill',
      data: { patient: 'DEMO-6378', medication: 'metformin' },
    });
    expect(started.status).toBe(201);

    const b = await openBrowser({ width: 1440, height: 900, noServiceWorker: true });
    try {
      // A screen that misses the live word of the change still offers the pool.
      await b.page.route('**/api/events', (route) => route.abort('internetdisconnected'));
      await signIn(b.page, server.url, 'lead', PASSWORD);
      await b.page.goto(`${server.url}/team`);
      const table = b.page.getByTestId('team-table');
      await table.waitFor();
      await table.getByRole('checkbox', { name: /DEMO-6378 · Refill: metformin/ }).check();
      await b.page.getByTestId('bulk-reassign-button').click();
      await b.page.getByTestId('reassign-target-role').click();
      await b.page.getByTestId('reassign-role').click();
      await b.page.getByRole('option', { name: 'Medical director' }).click();
      await b.page.getByTestId('reassign-review').click();

      expect((await asAdmin('PATCH', `/users/${director.id}`, { disabled: true })).status).toBe(200);
      try {
        await b.page.getByTestId('reassign-confirm').click();
        const refusal = b.page
          .getByTestId('reassign-dialog')
          .getByText(/^Nobody active holds the role Medical director: work sent there would wait unseen\./);
        await refusal.waitFor();
        const role = b.page.getByTestId('reassign-role');
        expect(await role.getAttribute('aria-invalid')).toBe('true');
        expect(await role.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await role.inputValue()).toBe('');
      } finally {
        await asAdmin('PATCH', `/users/${director.id}`, { disabled: false });
      }
    } finally {
      await b.close();
    }
  });
});
