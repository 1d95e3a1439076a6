// biome-ignore-all lint/suspicious/noExplicitAny: response bodies and example definitions are read as loose JSON
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxConfig } from '../src/config.ts';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Refresher training: a front-desk receptionist practises the password-reset workflow, whose first
 * step now has a one-minute deadline that escalates to the front office supervisor. The trainee goes
 * to lunch; the deadline passes and the timer worker runs. A practice task stays the trainee's — no
 * supervisor's pool lists it, nobody is notified or emailed — and the trainee finishes the run, which
 * completes the refresher. A real request of the same workflow, left just as long, escalates as before.
 */

const RESET = 'password-reset';

let t: TestApp;
let server: Listener;
let trainee: AuthHeaders;
let supervisor: AuthHeaders;
let lead: AuthHeaders;

/** One request over the real listener. */
async function api(as: AuthHeaders, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

const start = async (practice: boolean) => {
  const started = await api(trainee, 'POST', '/api/instances', {
    definitionId: RESET,
    practice,
    data: exampleStart(RESET),
  });
  expect(started.status, started.text).toBe(201);
  const { id, active } = started.body.instance;
  return { instanceId: id as string, taskId: active[0].taskId as string };
};

const taskIds = (page: { items: Array<{ id: string }> }) => page.items.map((i) => i.id);

beforeAll(async () => {
  // Email is on, so a deadline that passes on real work writes overdue and escalation mail.
  t = await makeApp({
    config: { outbox: { ...outboxConfig({}), digestTime: null, smtpUrl: 'smtp://127.0.0.1:9' } },
  });
  server = await listen(t.app);
  trainee = await t.token('front-desk');
  supervisor = await t.token('front-office-supervisor');
  lead = await t.token('lead');

  // Version 2: the first step's deadline is one minute (wall clock), then to the supervisor.
  const current = await api(lead, 'GET', `/api/definitions/${RESET}`);
  const definition = structuredClone(current.body.latest.definition);
  definition.steps['take-request'].deadline = { after: 'PT1M', escalateTo: 'front-office-supervisor' };
  const saved = await api(lead, 'PUT', `/api/definitions/${RESET}`, {
    definition,
    revision: current.body.draft.revision,
  });
  expect(saved.status, saved.text).toBe(200);
  const published = await api(lead, 'POST', `/api/definitions/${RESET}/publish`, {});
  expect(published.status, published.text).toBe(200);
  expect(published.body.version.version).toBe(2);
});

afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('a practice run whose deadline passes', () => {
  it('stays with the trainee, reaches nobody else and still completes the refresher; real work escalates', async () => {
    const refresher = { definitionId: RESET, version: 2, role: 'front-desk' };
    const ack = await api(trainee, 'POST', '/api/refreshers/acknowledge', refresher);
    expect(ack.status, ack.text).toBe(200);

    const real = await start(false);
    const practice = await start(true);
    for (const { taskId } of [real, practice]) {
      const claimed = await api(trainee, 'POST', `/api/tasks/${taskId}/claim`);
      expect(claimed.status, claimed.text).toBe(200);
    }
    const before = await api(trainee, 'GET', `/api/tasks/${practice.taskId}`);
    const due = before.body.task.due as string;
    expect(Date.parse(due) - Date.parse(t.clock.now())).toBe(60_000);
    // The practice view shows the deadline the trainee is to learn.
    expect(before.body.step.deadline).toEqual({ after: 'PT1M', escalateTo: 'front-office-supervisor' });

    // Lunch: an hour passes, the timer worker firing what is due on the way, then once more at the end.
    await t.advanceTo(new Date(Date.parse(t.clock.now()) + 3_600_000).toISOString());
    await t.tick();

    // Real work: escalated to the supervisor's pool, as the workflow says.
    const realTask = await api(supervisor, 'GET', `/api/tasks/${real.taskId}`);
    expect(realTask.status, realTask.text).toBe(200);
    expect(realTask.body.task).toMatchObject({
      role: 'front-office-supervisor',
      escalated: true,
      assignee: null,
    });
    expect(taskIds((await api(supervisor, 'GET', '/api/tasks?scope=pool')).body)).toContain(real.taskId);
    expect((await api(trainee, 'GET', `/api/tasks/${real.taskId}`)).status).toBe(403);

    // Practice: still the trainee's, past its deadline, in their practice view.
    const kept = await api(trainee, 'GET', `/api/tasks/${practice.taskId}`);
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body.task).toMatchObject({
      status: 'open',
      role: 'front-desk',
      assignee: t.user('front-desk').id,
      escalated: false,
      due,
    });
    expect(Date.parse(kept.body.task.due)).toBeLessThan(Date.parse(t.clock.now()));
    expect(taskIds((await api(trainee, 'GET', '/api/tasks?scope=mine&practice=true')).body)).toContain(
      practice.taskId,
    );

    // No supervisor's pool or list shows it, practice view or real.
    for (const query of [
      'scope=pool',
      'scope=mine',
      'scope=pool&practice=true',
      'scope=mine&practice=true',
    ]) {
      const listed = await api(supervisor, 'GET', `/api/tasks?${query}`);
      expect(listed.status, listed.text).toBe(200);
      expect(taskIds(listed.body), query).not.toContain(practice.taskId);
    }
    expect((await api(supervisor, 'GET', `/api/tasks/${practice.taskId}`)).status).toBe(403);

    // Nobody was notified or emailed about the practice run; the real one reached the supervisor.
    const bell = (await api(supervisor, 'GET', '/api/notifications')).body.notifications;
    expect(bell.map((n: any) => n.instanceId)).toContain(real.instanceId);
    expect(bell.map((n: any) => n.instanceId)).not.toContain(practice.instanceId);
    const traineeBell = (await api(trainee, 'GET', '/api/notifications')).body.notifications;
    expect(traineeBell.map((n: any) => n.instanceId)).not.toContain(practice.instanceId);
    const outbox = await t.store.listOutbox({ limit: 500 });
    const about = (instanceId: string) => outbox.filter((o) => JSON.stringify(o).includes(instanceId));
    expect(about(real.instanceId).map((o) => o.kind)).toEqual(
      expect.arrayContaining(['escalated', 'overdue']),
    );
    expect(about(practice.instanceId)).toEqual([]);

    // Its history has no deadline firing: nothing happened to it while the trainee was away.
    const history = await api(trainee, 'GET', `/api/instances/${practice.instanceId}/history`);
    expect(history.status, history.text).toBe(200);
    expect(JSON.stringify(history.body)).not.toContain('timer-fired');

    // Back from lunch, the trainee finishes the run and the refresher counts it.
    const done = await api(trainee, 'POST', `/api/tasks/${practice.taskId}/complete`, {
      outcome: 'solved-on-the-call',
      data: { problem: 'forgot-password' },
    });
    expect(done.status, done.text).toBe(200);
    const run = await api(trainee, 'GET', `/api/instances/${practice.instanceId}`);
    expect(run.body.instance.status).toBe('done');
    const mine = await api(trainee, 'GET', '/api/refreshers/mine');
    const change = mine.body.changes.find((c: any) => c.definitionId === RESET && c.role === 'front-desk');
    expect(change).toMatchObject({ version: 2, done: true, practiceDoneAt: t.clock.now() });
  });

  it('a lead moving a practice task’s due time into the past does not escalate it either', async () => {
    const practice = await start(true);
    const moved = await api(lead, 'POST', `/api/tasks/${practice.taskId}/reassign`, {
      due: new Date(Date.parse(t.clock.now()) - 60_000).toISOString(),
    });
    expect(moved.status, moved.text).toBe(200);
    expect(await t.store.nextTimerDue()).toBeNull();
    await t.tick();
    const kept = await api(trainee, 'GET', `/api/tasks/${practice.taskId}`);
    expect(kept.body.task).toMatchObject({ role: 'front-desk', escalated: false, status: 'open' });
  });

  it('a practice run started before this rule: its stored deadline is dropped when due, not fired', async () => {
    const practice = await start(true);
    const token = practice.taskId.slice(practice.instanceId.length + 1);
    const due = new Date(Date.parse(t.clock.now()) + 60_000).toISOString();
    // The timer row an earlier server wrote for the practice task's deadline.
    const raw = createClient({ url: t.dbUrl });
    try {
      await raw.execute({
        sql: 'INSERT OR REPLACE INTO timers (id, instance_id, timer_id, due) VALUES (?, ?, ?, ?)',
        args: [`${practice.instanceId}:${token}.deadline`, practice.instanceId, `${token}.deadline`, due],
      });
    } finally {
      raw.close();
    }
    t.clock.advance('PT5M');
    await t.tick();
    expect(await t.store.nextTimerDue()).toBeNull();
    const kept = await api(trainee, 'GET', `/api/tasks/${practice.taskId}`);
    expect(kept.body.task).toMatchObject({ role: 'front-desk', escalated: false, status: 'open' });
    expect(t.logs.join('\n')).not.toContain('not fired');
  });
});
