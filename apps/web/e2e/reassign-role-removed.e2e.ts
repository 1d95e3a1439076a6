import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead moves work to a colleague while an admin takes that colleague's role away: the reassignment
 * is refused, and the lead reads why in the dialog, in words (who, and the role by its title), not a
 * code or a role id.
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

    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      await b.page.goto(`${server.url}/team`);
      const table = b.page.getByTestId('team-table');
      await table.waitFor();
      await table.getByRole('checkbox', { name: new RegExp(`${PATIENT} · Refill: metformin`) }).check();
      await b.page.getByTestId('bulk-reassign-button').click();
      await b.page.getByTestId('reassign-target-person').click();
      await b.page.getByTestId('reassign-person').click();
      await b.page.getByRole('option', { name: /Rosa Diaz/ }).click();
      await b.page.getByTestId('reassign-review').click();

      // While the lead reads the confirmation, an admin takes the refill role from Rosa.
      const saved = await asAdmin('PATCH', `/users/${made.body.user.id}`, { roles: [KEPT] });
      expect(saved.status).toBe(200);

      await b.page.getByTestId('reassign-confirm').click();
      const refusal = b.page.getByRole('alert').filter({ hasText: 'Nothing was changed' });
      await refusal.waitFor();
      expect((await refusal.textContent())?.replace(/\s+/g, ' ')).toContain(
        'Rosa Diaz does not hold the role Pharmacy refill coordinator: choose someone who holds it, or send the task to a pool',
      );
      expect(await refusal.textContent()).not.toContain(ROLE);
      await look(b.page, 'reassign-role-removed');

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
});
