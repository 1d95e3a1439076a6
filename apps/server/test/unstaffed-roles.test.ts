import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Work never goes to a pool nobody holds: a lead escalating (moving) a task to a role that no active
 * account holds is refused with ROLE_UNSTAFFED, and nothing moves. Over a real listener.
 */

let t: TestApp;
let listener: Listener;
let lead: AuthHeaders;

beforeAll(async () => {
  // Nobody holds medical-director in this clinic; the nurse manager is held.
  t = await makeApp({
    users: [
      { username: 'lead', roles: ['designer'] },
      { username: 'front-desk', roles: ['front-desk'] },
      { username: 'refill-coordinator', roles: ['refill-coordinator'] },
      { username: 'nurse-manager', roles: ['nurse-manager'] },
      { username: 'retired-director', roles: ['medical-director'] },
    ],
  });
  listener = await listen(t.app);
  lead = await t.login('lead');
  // The only medical director left: the account is disabled, so the role is held by nobody active.
  await t.store.updateUser(t.user('retired-director').id, { disabled: true });
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

async function send(as: AuthHeaders, method: string, path: string, body?: unknown) {
  const res = await fetch(`${listener.base}${path}`, {
    method,
    headers: { ...as, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

async function refillTask() {
  const started = await send(lead, 'POST', '/api/requests', {
    definitionId: 'prescription-refill',
    data: { patient: 'DEMO-5002', medication: 'metformin' },
  });
  expect(started.status, started.text).toBe(201);
  const [task] = await t.store.listInstanceTasks(started.body.instance.id);
  return task!;
}

describe('escalating to a role nobody holds', () => {
  it('is refused with ROLE_UNSTAFFED and the task stays where it was', async () => {
    const task = await refillTask();
    const moved = await send(lead, 'POST', `/api/tasks/${encodeURIComponent(task.id)}/reassign`, {
      role: 'medical-director',
      reason: 'Stalled',
    });
    expect(moved.status, moved.text).toBe(422);
    expect(moved.body.error.code).toBe('ROLE_UNSTAFFED');
    expect(moved.body.error.message).toMatch(/nobody active holds/i);
    // The role by its title, as the lead's screen names it, not its id.
    expect(moved.body.error.message).toContain('Medical director');
    expect(moved.body.error.message).not.toContain('medical-director');
    expect((await t.store.getTask(task.id))?.role).toBe('refill-coordinator');
  });

  it('a burst of bulk moves to the unheld role moves none; to a held role, all', async () => {
    const tasks = await Promise.all([refillTask(), refillTask(), refillTask()]);
    const ids = tasks.map((x) => x.id);
    const refused = await Promise.all(
      ids.map((id) =>
        send(lead, 'POST', `/api/tasks/${encodeURIComponent(id)}/reassign`, { role: 'medical-director' }),
      ),
    );
    expect(refused.map((r) => r.status)).toEqual([422, 422, 422]);
    const bulk = await send(lead, 'POST', '/api/tasks/reassign', { taskIds: ids, role: 'medical-director' });
    expect(bulk.status, bulk.text).toBe(422);
    expect(bulk.body.error.code).toBe('ROLE_UNSTAFFED');
    for (const id of ids) expect((await t.store.getTask(id))?.role).toBe('refill-coordinator');
    const ok = await send(lead, 'POST', '/api/tasks/reassign', { taskIds: ids, role: 'nurse-manager' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.moved).toBe(3);
  });
});
