import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * A task goes only to a person who can work it: an active account holding the task's role (the new
 * role, when the reassign also moves it). Anything else — a made-up string, someone without the role,
 * a disabled account — is 422 ASSIGNEE_INVALID and changes nothing, one task or a whole bulk reassign,
 * also when many such requests arrive at once over a real socket.
 */

const TRIAGE = 'portal-message-triage';
const SORT_ROLE = 'medical-assistant';

let t: TestApp;
let server: ServerType;
let base: string;
let lead: AuthHeaders;
let sorterId: string;
let otherRoleId: string;
let disabledSorterId: string;

beforeAll(async () => {
  t = await makeApp();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  lead = await t.login('lead');
  sorterId = t.user(SORT_ROLE).id;
  otherRoleId = t.user('billing-specialist').id;
  const gone = await t.addUser('left-the-clinic', [SORT_ROLE]);
  await t.store.disableUser(gone.id);
  disabledSorterId = gone.id;
});
afterAll(async () => {
  if (server) {
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await t?.close();
});

/** A request over the real listener. */
async function send(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...lead, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

/** A fresh message whose sorting task waits in the medical assistants' pool. */
async function sortTask(): Promise<{ instanceId: string; taskId: string }> {
  const started = await send('POST', '/api/instances', {
    definitionId: TRIAGE,
    data: { ...exampleStart(TRIAGE), subject: 'Question about my results' },
  });
  expect(started.status, started.text).toBe(201);
  return { instanceId: started.body.instance.id, taskId: started.body.instance.active[0].taskId };
}

/** What a refused reassign must leave alone. */
async function stateOf(ids: Array<{ instanceId: string; taskId: string }>) {
  return Promise.all(
    ids.map(async ({ instanceId, taskId }) => ({
      revision: (await t.store.getInstance(instanceId))!.revision,
      events: (await t.store.listEvents(instanceId)).length,
      task: await t.store.getTask(taskId),
    })),
  );
}

const BAD: Array<[string, () => string]> = [
  ['a made-up string', () => 'weird;=HYPERLINK("x")'],
  ['a username instead of an id', () => SORT_ROLE],
  ['someone without the role', () => otherRoleId],
  ['a disabled account with the role', () => disabledSorterId],
];

describe('POST /api/tasks/{id}/reassign', () => {
  it.each(BAD)('to %s → 422 ASSIGNEE_INVALID, nothing changed', async (_, assignee) => {
    const task = await sortTask();
    const before = await stateOf([task]);
    const res = await send('POST', `/api/tasks/${task.taskId}/reassign`, { assignee: assignee() });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'ASSIGNEE_INVALID', message: expect.any(String) });
    expect(await stateOf([task])).toEqual(before);
  });

  it('moving the task to another role checks the assignee against the new role', async () => {
    const task = await sortTask();
    const before = await stateOf([task]);
    const refused = await send('POST', `/api/tasks/${task.taskId}/reassign`, {
      role: 'triage-nurse',
      assignee: sorterId,
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.error.code).toBe('ASSIGNEE_INVALID');
    expect(await stateOf([task])).toEqual(before);
    const moved = await send('POST', `/api/tasks/${task.taskId}/reassign`, {
      role: 'triage-nurse',
      assignee: t.user('triage-nurse').id,
    });
    expect(moved.status, moved.text).toBe(200);
  });

  it('a person holding the role, and back to the pool, still work', async () => {
    const task = await sortTask();
    const given = await send('POST', `/api/tasks/${task.taskId}/reassign`, { assignee: sorterId });
    expect(given.status, given.text).toBe(200);
    expect((await t.store.getTask(task.taskId))!.assignee).toBe(sorterId);
    const pooled = await send('POST', `/api/tasks/${task.taskId}/reassign`, { assignee: null });
    expect(pooled.status, pooled.text).toBe(200);
    expect((await t.store.getTask(task.taskId))!.assignee).toBeNull();
  });
});

describe('POST /api/tasks/reassign (bulk)', () => {
  it.each(BAD)('to %s → 422 ASSIGNEE_INVALID, none of the tasks changed', async (_, assignee) => {
    const tasks = [await sortTask(), await sortTask(), await sortTask()];
    const before = await stateOf(tasks);
    const res = await send('POST', '/api/tasks/reassign', {
      taskIds: tasks.map((x) => x.taskId),
      assignee: assignee(),
    });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error.code).toBe('ASSIGNEE_INVALID');
    expect(await stateOf(tasks)).toEqual(before);
  });

  it('an assignee who holds the role of some of the tasks but not all → 422, none changed', async () => {
    const sorting = await sortTask();
    // A nurse review: complete the sorting of a second message.
    const other = await sortTask();
    const done = await t.call('POST', `/api/tasks/${other.taskId}/complete`, {
      as: await t.session(SORT_ROLE),
      body: { outcome: 'sorted', data: { topic: 'medical-question', redFlags: false } },
    });
    expect(done.status, done.text).toBe(200);
    const review = done.body.instance.active.find((a: { step: string }) => a.step === 'nurse-review');
    const tasks = [sorting, { instanceId: other.instanceId, taskId: review.taskId as string }];
    const before = await stateOf(tasks);
    const res = await send('POST', '/api/tasks/reassign', {
      taskIds: tasks.map((x) => x.taskId),
      assignee: sorterId,
    });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error.code).toBe('ASSIGNEE_INVALID');
    expect(await stateOf(tasks)).toEqual(before);
  });

  it("an absent colleague's tasks (`from`) to a made-up assignee → 422, none changed", async () => {
    const tasks = [await sortTask(), await sortTask()];
    for (const x of tasks) {
      const given = await send('POST', `/api/tasks/${x.taskId}/reassign`, { assignee: sorterId });
      expect(given.status, given.text).toBe(200);
    }
    const before = await stateOf(tasks);
    const res = await send('POST', '/api/tasks/reassign', { from: sorterId, assignee: 'nobody-at-all' });
    expect(res.status, res.text).toBe(422);
    expect(await stateOf(tasks)).toEqual(before);
    // Put them back in the pool so later tests start clean.
    for (const x of tasks) await send('POST', `/api/tasks/${x.taskId}/reassign`, { assignee: null });
  });

  it('a burst of bad bulk and single reassigns, released together with good ones: only the good ones land', async () => {
    const tasks = await Promise.all(Array.from({ length: 6 }, () => sortTask()));
    const before = await stateOf(tasks);
    const bad = BAD.map(([, assignee]) => assignee());
    const burst = await Promise.all([
      ...bad.flatMap((assignee) => [
        send('POST', '/api/tasks/reassign', { taskIds: tasks.map((x) => x.taskId), assignee }),
        ...tasks.map((x) => send('POST', `/api/tasks/${x.taskId}/reassign`, { assignee })),
      ]),
      send('POST', `/api/tasks/${tasks[0]!.taskId}/reassign`, { priority: 'urgent' }),
    ]);
    const good = burst.pop()!;
    expect(good.status, good.text).toBe(200);
    expect(burst.map((r) => r.status)).toEqual(burst.map(() => 422));
    expect(burst.every((r) => r.body.error.code === 'ASSIGNEE_INVALID')).toBe(true);
    const after = await stateOf(tasks);
    // Only the priority change of the first task happened.
    expect(after[0]!.task!.priority).toBe('urgent');
    expect(after[0]!.events).toBe(before[0]!.events + 1);
    expect(after.slice(1)).toEqual(before.slice(1));
    for (const { instanceId } of tasks) {
      const assignees = (await t.store.listEvents(instanceId))
        .map((e) => (e.payload as { assignee?: unknown }).assignee)
        .filter((a) => a !== undefined);
      expect(assignees).toEqual([]);
    }
  });
});
