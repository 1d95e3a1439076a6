import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Taking a role from a person who holds tasks in it: the panel says beforehand how many go back to the
 * role's pool, saving sends them back, and a colleague of that role sees them arrive in the pool live.
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

describe('taking a role away', () => {
  it('the panel counts the tasks held in the removed role; saving returns them to the pool, live', async () => {
    const admin = await openBrowser();
    const colleague = await openBrowser();
    try {
      const asAdmin = await apiSession(server.url, 'admin', PASSWORD);
      const made = await asAdmin<{ user: { id: string } }>('POST', '/users', {
        username: 'rosa-diaz',
        displayName: 'Rosa Diaz',
        roles: [ROLE, 'medical-assistant'],
        password: ROSA_PASSWORD,
      });
      expect(made.status).toBe(201);
      const asRosa = await apiSession(server.url, 'rosa-diaz', ROSA_PASSWORD);
      const pool = await asRosa<{ items: Array<{ id: string; instanceId: string }> }>(
        'GET',
        `/tasks?scope=pool&role=${ROLE}`,
      );
      const claimed = pool.body.items.slice(0, 2);
      expect(claimed).toHaveLength(2);
      for (const task of claimed)
        expect((await asRosa('POST', `/tasks/${encodeURIComponent(task.id)}/claim`)).status).toBe(200);

      // A refill coordinator has the pool open: the two tasks are not in it.
      await signIn(colleague.page, server.url, ROLE, PASSWORD);
      await colleague.page.getByTestId(`work-folder-pool-${ROLE}`).click();
      await expect
        .poll(() => colleague.page.getByTestId(`work-folder-pool-${ROLE}`).getAttribute('aria-current'))
        .toBeTruthy();
      await colleague.page.waitForLoadState('networkidle');
      for (const task of claimed)
        expect(await colleague.page.getByTestId(`task-row-${task.id}`).count()).toBe(0);

      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.getByRole('link', { name: 'Accounts' }).click();
      await admin.page
        .locator('[data-username="rosa-diaz"]')
        .getByRole('button', { name: /Manage/ })
        .click();
      const panel = admin.page.getByTestId('person-panel');
      await panel.getByLabel('Roles').click();
      await admin.page.getByRole('option', { name: /refill coordinator/i }).click();
      await admin.page.keyboard.press('Escape');
      const warning = panel.getByTestId('removed-role-tasks');
      await expect
        .poll(() => warning.textContent())
        .toMatch(
          /^Rosa Diaz holds 2 open tasks as .*refill coordinator.*; saving sends them back to their pool\.$/i,
        );
      expect(await seriousViolations(admin.page)).toEqual([]);
      await screenshot(admin.page, 'accounts-role-removed-tasks');

      await panel.getByRole('button', { name: 'Save roles' }).click();
      await admin.page
        .locator('.mantine-Notification-root')
        .filter({ hasText: 'Roles changed; 2 open tasks went back to their pools.' })
        .first()
        .waitFor();

      // The colleague's pool shows them without a reload; nobody holds them.
      for (const task of claimed) await colleague.page.getByTestId(`task-row-${task.id}`).waitFor();
      const mine = await asRosa<{ items: Array<{ id: string }> }>('GET', '/tasks?scope=mine&limit=500');
      for (const task of claimed) expect(mine.body.items.map((i) => i.id)).not.toContain(task.id);
      // Rosa keeps her other role; nothing of it is counted any more.
      await expect.poll(() => warning.count()).toBe(0);
    } finally {
      await colleague.close();
      await admin.close();
    }
  });
});
