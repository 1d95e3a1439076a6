import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * Two people acting on the same task: exactly one wins, everyone else gets 409 and nothing extra is
 * recorded. The racing requests go through the whole app (auth, validation, engine, group commit).
 */

const TRIAGE = 'portal-message-triage';
const SORTERS = ['ma-1', 'ma-2', 'ma-3', 'ma-4', 'ma-5'];

let t: TestApp;
let sorters: AuthHeaders[];
let lead: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  for (const name of SORTERS) await t.addUser(name, ['medical-assistant']);
  sorters = await Promise.all(SORTERS.map((name) => t.login(name)));
  lead = await t.login('lead');
});
afterAll(() => t?.close());

/** A fresh portal message waiting in the medical assistants' pool; returns its sorting task's id. */
async function newMessage(): Promise<{ instanceId: string; taskId: string }> {
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'Question about my results' } },
  });
  expect(started.status).toBe(201);
  const task = started.body.instance.active.find((a: { step: string }) => a.step === 'sort-message');
  return { instanceId: started.body.instance.id, taskId: task.taskId };
}

async function eventsOf(instanceId: string) {
  const auditor = await t.session('auditor');
  const history = await t.call('GET', `/api/instances/${instanceId}/history`, { as: auditor });
  expect(history.status).toBe(200);
  return history.body.events as Array<{ seq: number; type: string; actor: string | null }>;
}

async function verified(instanceId: string) {
  const auditor = await t.session('auditor');
  const verify = await t.call('GET', `/api/audit/verify?instanceId=${instanceId}`, { as: auditor });
  expect(verify.status).toBe(200);
  return verify.body.result;
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => {
    acc[s] = (acc[s] ?? 0) + 1;
    return acc;
  }, {});

describe('racing on one task', () => {
  it('200 concurrent completes: exactly one 200, 199 × 409, one complete event, chain intact', async () => {
    const { instanceId, taskId } = await newMessage();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        t.call('POST', `/api/tasks/${taskId}/complete`, {
          as: sorters[n % sorters.length],
          body: { outcome: 'sorted', data: { topic: 'medical-question', redFlags: false }, note: `try ${n}` },
        }),
      ),
    );
    expect(tally(responses.map((r) => r.status))).toEqual({ 200: 1, 409: 199 });
    for (const lost of responses.filter((r) => r.status === 409)) {
      expect(lost.body.error.code).toBe('TASK_CLOSED');
      expect(typeof lost.body.error.message).toBe('string');
    }
    const won = responses.find((r) => r.status === 200)!;
    expect(won.body.instance.active.map((a: { step: string }) => a.step)).toEqual(['nurse-review']);

    const events = await eventsOf(instanceId);
    expect(events.map((e) => e.type)).toEqual(['start', 'complete']);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    expect(await verified(instanceId)).toMatchObject({ ok: true, count: 2 });

    const rows = await t.store.listInstanceTasks(instanceId);
    const sorted = rows.filter((r) => r.step === 'sort-message');
    expect(sorted).toHaveLength(1);
    expect(sorted[0]).toMatchObject({ status: 'closed', outcome: 'sorted', closeReason: 'completed' });
    expect(rows.filter((r) => r.status === 'open').map((r) => r.step)).toEqual(['nurse-review']);
    expect(t.logs.filter((l) => l.startsWith('internal error'))).toEqual([]);
  });

  it('50 concurrent claims: exactly one 200, the rest 409, one assignee recorded once', async () => {
    const { instanceId, taskId } = await newMessage();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        t.call('POST', `/api/tasks/${taskId}/claim`, { as: sorters[n % sorters.length] }),
      ),
    );
    expect(tally(responses.map((r) => r.status))).toEqual({ 200: 1, 409: 49 });
    const won = responses.find((r) => r.status === 200)!;
    const winner = won.body.task.assignee as string;
    expect(SORTERS.map((name) => t.user(name).id)).toContain(winner);
    for (const lost of responses.filter((r) => r.status === 409)) {
      expect(['ALREADY_CLAIMED', 'ALREADY_YOURS']).toContain(lost.body.error.code);
    }

    const events = await eventsOf(instanceId);
    expect(events.map((e) => e.type)).toEqual(['start', 'reassign']);
    expect(events[1]!.actor).toBe(winner);
    expect(await verified(instanceId)).toMatchObject({ ok: true, count: 2 });
    const row = await t.store.getTask(taskId);
    expect(row).toMatchObject({ status: 'open', assignee: winner });
  });

  it('a claimed task: the holder completes it; colleagues racing the holder get 409', async () => {
    const { instanceId, taskId } = await newMessage();
    const claimed = await t.call('POST', `/api/tasks/${taskId}/claim`, { as: sorters[0] });
    expect(claimed.status).toBe(200);
    const body = { outcome: 'no-reply-needed', data: { topic: 'other', redFlags: false } };
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        t.call('POST', `/api/tasks/${taskId}/complete`, { as: sorters[n % sorters.length], body }),
      ),
    );
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(responses.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
    const events = await eventsOf(instanceId);
    expect(events.filter((e) => e.type === 'complete')).toEqual([
      expect.objectContaining({ actor: t.user(SORTERS[0]!).id }),
    ]);
    expect(await verified(instanceId)).toMatchObject({ ok: true, count: 3 });
  });
});
