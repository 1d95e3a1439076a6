// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read as loose JSON
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * A practice run of the billing question that reaches the wait for the payer's answer: in a sandbox no
 * payer answers, and the wait's deadline is ten business days away. The billing specialist who started
 * the run plays the wait as they play every step: the payer's answer, or letting the time pass (the
 * same events the payer's system and the timer send), and the run goes on to the end. Nobody else plays
 * it, and a real request's wait is never played.
 */
const BILLING = 'billing-question';
const PRACTICE_START = { patient: 'PRACTICE-0001', channel: 'portal', question: 'Practice: the question' };

/** Another billing specialist: the same role, not the one who started the run. */
const COLLEAGUE = 'billing-specialist-2';

let t: TestApp;
let server: Listener;
let specialist: AuthHeaders;

async function api(as: AuthHeaders, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

/** Claims and completes the open step `step` of the instance as `as`. */
async function work(as: AuthHeaders, instanceId: string, step: string, outcome: string, data = {}) {
  const run = await api(as, 'GET', `/api/instances/${instanceId}`);
  expect(run.status, run.text).toBe(200);
  const task = run.body.instance.active.find((a: any) => a.step === step && a.kind === 'task');
  expect(task, `${step} is open`).toBeDefined();
  const claimed = await api(as, 'POST', `/api/tasks/${task.taskId}/claim`);
  expect(claimed.status, claimed.text).toBe(200);
  const done = await api(as, 'POST', `/api/tasks/${task.taskId}/complete`, { outcome, data });
  expect(done.status, done.text).toBe(200);
  return done.body.instance;
}

/** A billing question, worked by `as` up to the wait for the payer (the claim was resubmitted). */
async function toThePayer(as: AuthHeaders, practice: boolean) {
  const started = await api(as, 'POST', '/api/instances', {
    definitionId: BILLING,
    practice,
    data: practice ? PRACTICE_START : { patient: 'DEMO-5001', channel: 'portal', question: 'Why this bill?' },
  });
  expect(started.status, started.text).toBe(201);
  const id = started.body.instance.id as string;
  // The front desk's step: the specialist plays it in practice; a real one is the front desk's.
  const desk = practice ? as : await t.token('front-desk');
  await work(desk, id, 'log-question', 'logged', { requestType: 'insurance-denial' });
  await work(as, id, 'check-account', 'checked', { guarantorCorrect: true, insuranceIssue: true });
  const waiting = await work(as, id, 'work-claim', 'resubmitted');
  const wait = waiting.active.find((a: any) => a.kind === 'wait');
  expect(wait).toMatchObject({ step: 'await-payer', signal: 'claim-adjudicated' });
  return { instanceId: id, token: wait.token as string };
}

beforeAll(async () => {
  t = await makeApp();
  server = await listen(t.app);
  specialist = await t.token('billing-specialist');
  await t.addUser(COLLEAGUE, ['billing-specialist']);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('the waiting step of a practice run is played by whoever started it', () => {
  it('lists the wait in their practice list with the payer’s answer and the time passing', async () => {
    const { instanceId, token } = await toThePayer(specialist, true);
    const listed = await api(specialist, 'GET', '/api/practice/waits');
    expect(listed.status, listed.text).toBe(200);
    const item = listed.body.items.find((w: any) => w.instanceId === instanceId);
    expect(item).toMatchObject({
      id: `${instanceId}:${token}`,
      token,
      step: 'await-payer',
      title: 'Wait for the payer to adjudicate the claim',
      definitionTitle: 'Billing question',
    });
    expect(item.answers).toEqual([
      { answer: 'signal', signal: 'claim-adjudicated' },
      { answer: 'time', due: expect.any(String), goesTo: 'Call the payer about the resubmitted claim' },
    ]);
    // Ten business days away, at least two weeks of calendar.
    expect(Date.parse(item.answers[1].due) - Date.parse(t.clock.now())).toBeGreaterThan(13 * 86_400_000);
    // Titles and ids only: nothing of the request's data.
    expect(listed.text).not.toContain('PRACTICE-0001');

    // Nobody else's list shows it, nor does a colleague's of the same role.
    for (const who of ['lead', 'front-desk', COLLEAGUE]) {
      const other = await api(await t.token(who), 'GET', '/api/practice/waits');
      expect(other.status, other.text).toBe(200);
      expect(
        other.body.items.map((w: any) => w.instanceId),
        who,
      ).not.toContain(instanceId);
    }
  });

  it('the payer’s answer moves the run on, recorded as the trainee’s play; a second play gets 409', async () => {
    const { instanceId, token } = await toThePayer(specialist, true);
    const played = await api(specialist, 'POST', `/api/instances/${instanceId}/practice-play`, {
      token,
      answer: 'signal',
    });
    expect(played.status, played.text).toBe(200);
    expect(played.body.instance.active.map((a: any) => a.step)).toEqual(['reply-to-patient']);

    const again = await api(specialist, 'POST', `/api/instances/${instanceId}/practice-play`, {
      token,
      answer: 'time',
    });
    expect(again.status, again.text).toBe(409);
    expect(again.body.error.code).toBe('TASK_CLOSED');

    // The history has the payer's signal, the same event the payer's system sends, played by the trainee.
    const events = await t.store.listEvents(instanceId);
    const signal = events.find((e) => e.type === 'signal')!;
    // In the role the trainee started the run in, as every other event a person makes.
    expect(signal).toMatchObject({ actor: t.user('billing-specialist').id, role: 'billing-specialist' });
    expect(signal.payload).toMatchObject({ type: 'signal', name: 'claim-adjudicated' });
    const log = await t.store.listAccess({ limit: 1000, practice: true });
    expect(
      log.items.some(
        (r) =>
          r.instanceId === instanceId &&
          r.action === 'POST /api/instances/:id/practice-play' &&
          r.outcome === 'allow' &&
          r.detail === 'played for practice: the outside answer',
      ),
    ).toBe(true);

    // And on to the end: the run is finished.
    const last = await work(specialist, instanceId, 'reply-to-patient', 'replied');
    expect(last.status).toBe('done');
  });

  it('letting the time pass fires the wait’s deadline: the run goes on to chasing the payer', async () => {
    const { instanceId, token } = await toThePayer(specialist, true);
    const before = (await api(specialist, 'GET', '/api/practice/waits')).body.items.find(
      (w: any) => w.instanceId === instanceId,
    );
    const due = before.answers.find((a: any) => a.answer === 'time').due as string;
    const played = await api(specialist, 'POST', `/api/instances/${instanceId}/practice-play`, {
      token,
      answer: 'time',
    });
    expect(played.status, played.text).toBe(200);
    expect(played.body.instance.active.map((a: any) => a.step)).toEqual(['chase-claim']);
    const events = await t.store.listEvents(instanceId);
    const fired = events.find((e) => e.type === 'timer-fired')!;
    // Recorded now, by whom it was played, marked as ahead of its time: the run's clock does not jump
    // to the payer's deadline, so nothing after it (nor the training record) is dated weeks ahead.
    expect(fired).toMatchObject({
      actor: t.user('billing-specialist').id,
      role: 'billing-specialist',
      payload: { early: true },
    });
    expect(fired.at < due, `${fired.at} is before ${due}`).toBe(true);
    // Its durable timer went with it: nothing fires later.
    const raw = createClient({ url: t.dbUrl });
    try {
      const rows = await raw.execute({
        sql: 'SELECT id FROM timers WHERE instance_id = ?',
        args: [instanceId],
      });
      expect(rows.rows).toEqual([]);
    } finally {
      raw.close();
    }
    const gone = await api(specialist, 'GET', '/api/practice/waits');
    expect(gone.body.items.map((w: any) => w.instanceId)).not.toContain(instanceId);
    await work(specialist, instanceId, 'chase-claim', 'paid');
    const last = await work(specialist, instanceId, 'reply-to-patient', 'replied');
    expect(last.status).toBe('done');
    // The audit trail says the time did not pass on its own.
    const history = await api(await t.token('auditor'), 'GET', `/api/instances/${instanceId}/history`);
    expect(history.status, history.text).toBe(200);
    const row = history.body.timeline.find((r: any) => r.type === 'timer-fired');
    expect(row.summary).toMatch(/played ahead of time for practice$/);
    const finished = await t.store.listPracticeCompletions({ userId: t.user('billing-specialist').id });
    for (const f of finished) expect(f.doneAt < due, `${f.doneAt} is before ${due}`).toBe(true);
  });

  it('nobody else plays it: not a colleague, not a lead, not an auditor', async () => {
    const { instanceId, token } = await toThePayer(specialist, true);
    for (const who of [COLLEAGUE, 'lead', 'auditor', 'front-desk']) {
      const res = await api(await t.token(who), 'POST', `/api/instances/${instanceId}/practice-play`, {
        token,
        answer: 'signal',
      });
      expect(res.status, `${who}: ${res.text}`).toBe(403);
    }
    const run = await api(specialist, 'GET', `/api/instances/${instanceId}`);
    expect(run.body.instance.active.map((a: any) => a.step)).toEqual(['await-payer']);
  });

  it('a real request’s wait is not played by staff, not even by whoever started it, nor by a lead', async () => {
    const { instanceId, token } = await toThePayer(specialist, false);
    expect(
      (await api(specialist, 'GET', '/api/practice/waits')).body.items.map((w: any) => w.instanceId),
    ).not.toContain(instanceId);
    for (const who of ['billing-specialist', 'lead']) {
      for (const answer of ['signal', 'time']) {
        const res = await api(await t.token(who), 'POST', `/api/instances/${instanceId}/practice-play`, {
          token,
          answer,
        });
        expect(res.status, `${who} ${answer}: ${res.text}`).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
    const run = await api(specialist, 'GET', `/api/instances/${instanceId}`);
    expect(run.body.instance.active.map((a: any) => a.step)).toEqual(['await-payer']);
    const events = await t.store.listEvents(instanceId);
    expect(events.map((e) => e.type)).not.toContain('timer-fired');
    expect(events.map((e) => e.type)).not.toContain('signal');
    // Each refusal is in the access log.
    const log = await t.store.listAccess({ limit: 1000 });
    const denied = log.items.filter(
      (r) =>
        r.instanceId === instanceId &&
        r.action === 'POST /api/instances/:id/practice-play' &&
        r.outcome === 'deny',
    );
    expect(denied).toHaveLength(4);
  });
});
