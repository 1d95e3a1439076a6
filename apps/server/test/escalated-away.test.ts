import { parseDefinition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';
import { publish } from './support/prepare.ts';

/**
 * When a deadline takes a task away from the person holding it, they are told in the app: opening the
 * task (from the list, the bell or the email's link) says its deadline passed and it went to the
 * supervisor's pool, and who has it now; their bell gets an item. No patient data in what is said.
 * Over a real listener and a real libSQL file.
 */

const reset = parseDefinition({
  id: 'password-reset',
  title: 'Portal password reset',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'supervisor', name: 'Front office supervisor' },
  ],
  start: 'reset',
  intake: { roles: ['front-desk'], form: [{ id: 'patient', label: 'Patient reference', type: 'text' }] },
  steps: {
    reset: {
      type: 'task',
      role: 'front-desk',
      title: 'Reset the portal password',
      outcomes: { done: 'closed' },
      deadline: { after: 'PT1H', escalateTo: 'supervisor' },
    },
    closed: { type: 'end' },
  },
});

let t: TestApp;
let listener: Listener;
let taskId: string;
const T0 = '2026-03-10T16:00:00.000Z'; // a Tuesday, 9 am in Denver
const DUE = '2026-03-10T17:00:00.000Z';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every route
async function send(as: AuthHeaders, method: string, path: string): Promise<any> {
  const res = await fetch(`${listener.base}${path}`, { method, headers: { ...as } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}
const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

beforeAll(async () => {
  t = await makeApp({
    publish: false,
    start: T0,
    users: [
      { username: 'desk-1', roles: ['front-desk'] },
      { username: 'desk-2', roles: ['front-desk'] },
      { username: 'sup-1', roles: ['supervisor'] },
    ],
  });
  listener = await listen(t.app);
  await publish(t.store, reset);
  const desk = await t.login('desk-1');
  const started = await fetch(`${listener.base}/api/instances`, {
    method: 'POST',
    headers: { ...desk, 'content-type': 'application/json' },
    body: JSON.stringify({ definitionId: reset.id, data: { patient: 'DEMO-6301' } }),
  });
  expect(started.status).toBe(201);
  taskId = ((await started.json()) as { instance: { active: { taskId: string }[] } }).instance.active[0]!
    .taskId;
  expect((await send(desk, 'POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
  // What the holder typed and had saved as the task's draft before the deadline passed.
  const drafted = await fetch(`${listener.base}${taskPath(taskId)}/draft`, {
    method: 'PUT',
    headers: { ...desk, 'content-type': 'application/json' },
    body: JSON.stringify({ baseRevision: 0, values: {}, note: 'Patient asked for a call back after 3' }),
  });
  expect(drafted.status).toBe(200);
  expect(await t.advanceTo('2026-03-10T17:00:05.000Z')).toBe(1);
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('a task its deadline took away from its holder', () => {
  it('opening it says the deadline passed and where it went, with no patient data', async () => {
    const read = await send(await t.login('desk-1'), 'GET', taskPath(taskId));
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe('TASK_MOVED');
    expect(read.body.error.message).toBe(
      'Its deadline passed and it went to the Front office supervisor pool. It has left your list.',
    );
    expect(read.body.error.details).toEqual({
      how: 'deadline',
      at: '2026-03-10T17:00:00.000Z',
      due: DUE,
      role: 'supervisor',
      roleTitle: 'Front office supervisor',
      holder: null,
      by: null,
      held: true,
    });
    expect(read.text).not.toContain('DEMO-6301');
  });

  it('once the supervisor claims it, says who has it now, and the supervisor finds the draft typed before', async () => {
    const sup = await t.login('sup-1');
    expect((await send(sup, 'POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
    const read = await send(await t.login('desk-1'), 'GET', taskPath(taskId));
    expect(read.body.error.details.holder).toBe(t.user('sup-1').id);
    // The draft went with the task: the supervisor finds what the holder before typed, marked as theirs.
    const draft = await send(sup, 'GET', `${taskPath(taskId)}/draft`);
    expect(draft.status, draft.text).toBe(200);
    expect(draft.body.draft).toMatchObject({
      note: 'Patient asked for a call back after 3',
      savedBy: { id: t.user('desk-1').id },
    });
  });

  it('a colleague in the pool it left is told the same, as someone who did not hold it', async () => {
    const read = await send(await t.login('desk-2'), 'GET', taskPath(taskId));
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe('TASK_MOVED');
    expect(read.body.error.details.held).toBe(false);
  });

  it("the holder's bell has an item for it", async () => {
    const bell = await send(await t.login('desk-1'), 'GET', '/api/notifications?unread=true');
    expect(bell.status).toBe(200);
    expect(
      bell.body.notifications.map((n: { kind: string; userId: string; taskId: string }) => [
        n.kind,
        n.userId,
        n.taskId,
      ]),
    ).toEqual([['escalated', t.user('desk-1').id, taskId]]);
    // The colleague who never held it is not told in the bell.
    const other = await send(await t.login('desk-2'), 'GET', '/api/notifications?unread=true');
    expect(other.body.notifications).toEqual([]);
  });
});
