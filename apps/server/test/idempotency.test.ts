import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * A retried request with the same Idempotency-Key gets the first answer and acts once, whether the
 * retry comes after the first finished or races it; a key is tied to the route it was first used on.
 */

const TRIAGE = 'portal-message-triage';
const FORM = { topic: 'medical-question', redFlags: false };

let t: TestApp;
let lead: AuthHeaders;
let sorter: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  [lead, sorter] = await Promise.all([t.login('lead'), t.login('medical-assistant')]);
});
afterAll(() => t?.close());

const keyed = (key: string) => ({ 'idempotency-key': key });

async function newMessage(): Promise<{ instanceId: string; taskId: string }> {
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: TRIAGE, data: exampleStart(TRIAGE) },
  });
  expect(started.status).toBe(201);
  return { instanceId: started.body.instance.id, taskId: started.body.instance.active[0].taskId };
}

const eventTypes = async (instanceId: string) => (await t.store.listEvents(instanceId)).map((e) => e.type);

async function instanceCount(): Promise<number> {
  return (await t.store.listInstances({ limit: 500 })).items.length;
}

describe('a retry whose first try commits while it is being decided', () => {
  it('gets the first answer, not "already yours": the key is checked again when the state shows the change', async () => {
    const { instanceId, taskId } = await newMessage();
    const claim = () =>
      t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/claim`, {
        as: sorter,
        headers: keyed('race-window'),
      });
    const first = await claim();
    expect(first.status).toBe(200);
    // The interleaving under load: the retry checks the key just before the first try's commit is
    // visible, then reads the instance just after it. Until the instance is read, the key is unseen.
    const store = t.store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const realGet = store.getInstance!.bind(t.store);
    const realKey = store.getIdempotency!.bind(t.store);
    let read = false;
    store.getInstance = async (id: unknown) => {
      if (id === instanceId) read = true;
      return realGet(id);
    };
    store.getIdempotency = async (key: unknown, userId: unknown) =>
      key === 'race-window' && !read ? null : realKey(key, userId);
    try {
      const retry = await claim();
      expect(retry.status, retry.text).toBe(200);
      expect(retry.body).toEqual(first.body);
    } finally {
      store.getInstance = realGet;
      store.getIdempotency = realKey;
    }
    expect(await eventTypes(instanceId)).toEqual(['start', 'reassign']);
  });
});

describe('Idempotency-Key on completing a task', () => {
  it('sequential retry: the same response, one complete event', async () => {
    const { instanceId, taskId } = await newMessage();
    const send = () =>
      t.call('POST', `/api/tasks/${taskId}/complete`, {
        as: sorter,
        headers: keyed('complete-seq'),
        body: { outcome: 'sorted', data: FORM },
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await eventTypes(instanceId)).toEqual(['start', 'complete']);
    // Without the key the same retry is an ordinary lost race.
    const unkeyed = await t.call('POST', `/api/tasks/${taskId}/complete`, {
      as: sorter,
      body: { outcome: 'sorted', data: FORM },
    });
    expect(unkeyed.status).toBe(409);
  });

  it('concurrent retries: every one gets the same response, one complete event', async () => {
    const { instanceId, taskId } = await newMessage();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.call('POST', `/api/tasks/${taskId}/complete`, {
          as: sorter,
          headers: keyed('complete-race'),
          body: { outcome: 'sorted', data: FORM },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const r of responses) expect(r.body).toEqual(responses[0]!.body);
    expect(await eventTypes(instanceId)).toEqual(['start', 'complete']);
  });

  it('concurrent claims with one key: one claim event, the same answer for all', async () => {
    const { instanceId, taskId } = await newMessage();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call('POST', `/api/tasks/${taskId}/claim`, { as: sorter, headers: keyed('claim-race') }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const r of responses) expect(r.body).toEqual(responses[0]!.body);
    expect(await eventTypes(instanceId)).toEqual(['start', 'reassign']);
  });
});

describe('Idempotency-Key on starting an instance', () => {
  const start = (key: string) =>
    t.call('POST', '/api/instances', {
      as: lead,
      headers: keyed(key),
      body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'Refill question' } },
    });

  it('sequential retry: the same instance, started once', async () => {
    const before = await instanceCount();
    const first = await start('start-seq');
    const second = await start('start-seq');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await instanceCount()).toBe(before + 1);
    expect(await eventTypes(first.body.instance.id)).toEqual(['start']);
  });

  it('concurrent retries: one instance, every response names it', async () => {
    const before = await instanceCount();
    const responses = await Promise.all(Array.from({ length: 10 }, () => start('start-race')));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    for (const r of responses) expect(r.body).toEqual(responses[0]!.body);
    expect(await instanceCount()).toBe(before + 1);
    expect(await eventTypes(responses[0]!.body.instance.id)).toEqual(['start']);
  });

  it('keys are per user: the same key from someone else starts their own instance', async () => {
    const mine = await start('shared-key');
    const theirs = await t.call('POST', '/api/instances', {
      as: sorter,
      headers: keyed('shared-key'),
      body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'Refill question' } },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.instance.id).not.toBe(mine.body.instance.id);
  });
});

describe('the same key on a different route', () => {
  it('complete, then claim of another task with that key → 422, nothing done', async () => {
    const a = await newMessage();
    const b = await newMessage();
    const done = await t.call('POST', `/api/tasks/${a.taskId}/complete`, {
      as: sorter,
      headers: keyed('moved-key'),
      body: { outcome: 'sorted', data: FORM },
    });
    expect(done.status).toBe(200);
    const reused = await t.call('POST', `/api/tasks/${b.taskId}/claim`, {
      as: sorter,
      headers: keyed('moved-key'),
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await eventTypes(b.instanceId)).toEqual(['start']);
  });

  it('complete of one task, then complete of another with that key → 422', async () => {
    const a = await newMessage();
    const b = await newMessage();
    const body = { outcome: 'sorted', data: FORM };
    const first = await t.call('POST', `/api/tasks/${a.taskId}/complete`, {
      as: sorter,
      headers: keyed('two-tasks'),
      body,
    });
    expect(first.status).toBe(200);
    const second = await t.call('POST', `/api/tasks/${b.taskId}/complete`, {
      as: sorter,
      headers: keyed('two-tasks'),
      body,
    });
    expect(second.status).toBe(422);
    expect(second.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await eventTypes(b.instanceId)).toEqual(['start']);
  });

  it('a claim key reused to start an instance → 422, no instance', async () => {
    const a = await newMessage();
    const claimed = await t.call('POST', `/api/tasks/${a.taskId}/claim`, {
      as: sorter,
      headers: keyed('claim-then-start'),
    });
    expect(claimed.status).toBe(200);
    const before = await instanceCount();
    const started = await t.call('POST', '/api/instances', {
      as: sorter,
      headers: keyed('claim-then-start'),
      body: { definitionId: TRIAGE, data: exampleStart(TRIAGE) },
    });
    expect(started.status).toBe(422);
    expect(started.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await instanceCount()).toBe(before);
  });

  it('a start key reused on a signal → 422', async () => {
    const started = await t.call('POST', '/api/instances', {
      as: lead,
      headers: keyed('start-then-signal'),
      body: { definitionId: TRIAGE, data: exampleStart(TRIAGE) },
    });
    expect(started.status).toBe(201);
    const signalled = await t.call('POST', `/api/instances/${started.body.instance.id}/signal`, {
      as: lead,
      headers: keyed('start-then-signal'),
      body: { name: 'patient-replied' },
    });
    expect(signalled.status).toBe(422);
    expect(signalled.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await eventTypes(started.body.instance.id)).toEqual(['start']);
  });
});
