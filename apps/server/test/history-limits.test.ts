// History limits: a very long history warns, then refuses everything but cancel with a typed 409;
// an oversized event payload is a typed 413. Neither is ever a crash or a half-written change.
import { parseDefinition } from '@portalflow/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, type ServerConfig } from '../src/config.ts';
import { makeApp, type TestApp } from './support/app.ts';
import { publish } from './support/prepare.ts';

const workflow = parseDefinition({
  id: 'long-history',
  title: 'Refill request passed around',
  roles: [
    { id: 'nurse', name: 'Nurse' },
    { id: 'supervisor', name: 'Supervisor' },
  ],
  start: 'review',
  // What the nurse starts a refill with (start data is held to the start form).
  intake: {
    roles: ['nurse'],
    form: [
      { id: 'patientName', label: 'Patient name', type: 'text' },
      { id: 'letter', label: 'Letter from the pharmacy', type: 'textarea' },
    ],
  },
  steps: {
    review: {
      type: 'task',
      role: 'nurse',
      title: 'Review the refill',
      outcomes: { done: 'closed' },
      form: [{ id: 'summary', label: 'Summary', type: 'textarea' }],
      deadline: { after: 'PT1H', escalateTo: 'supervisor' },
    },
    closed: { type: 'end' },
  },
});

const PATIENT = 'Ada Lovelace-Byron';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setUp(config: Partial<ServerConfig> = {}) {
  t = await makeApp({
    publish: false,
    config,
    users: [
      { username: 'nurse-1', roles: ['nurse'] },
      { username: 'lead', roles: ['designer'] },
    ],
  });
  await publish(t.store, workflow);
  const nurse = await t.token('nurse-1');
  const started = await t.call('POST', '/api/instances', {
    as: nurse,
    body: { definitionId: workflow.id, data: { patientName: PATIENT } },
  });
  expect(started.status, started.text).toBe(201);
  const instanceId: string = started.body.instance.id;
  const taskId: string = started.body.instance.active[0].taskId;
  return { app: t, nurse, instanceId, taskId };
}

describe('history limits', () => {
  it('defaults: warn at 10,000 events, refuse past 50,000, 256 KiB per event', () => {
    const config = defaultConfig();
    expect(config.historyWarnAt).toBe(10_000);
    expect(config.historyLimit).toBe(50_000);
    expect(config.eventPayloadLimitBytes).toBe(256 * 1024);
  });

  it('warns from the threshold on, then accepts only cancel, with a typed 409', async () => {
    const { app, nurse, instanceId, taskId } = await setUp({ historyWarnAt: 5, historyLimit: 8 });
    const warnings: Array<string | null> = [];
    let revision = 1;
    // claim/release back and forth: each is one event.
    for (let i = 0; revision < 8; i++) {
      const res = await app.call('POST', `/api/tasks/${taskId}/${i % 2 === 0 ? 'claim' : 'release'}`, {
        as: nurse,
      });
      expect(res.status, res.text).toBe(200);
      revision = res.body.instance.revision;
      warnings.push(res.headers.get('portalflow-warning'));
    }
    expect(warnings.slice(0, 3)).toEqual([null, null, null]); // revisions 2, 3, 4
    expect(warnings.slice(3)).toEqual([5, 6, 7, 8].map((n) => `history-near-limit; events=${n}; limit=8`));
    const logged = app.logs.filter((l) => l.includes('history at'));
    expect(logged).toEqual([`instance ${instanceId} history at 5 events (warning at 5, limit 8)`]);
    expect(app.logs.join('\n')).not.toContain(PATIENT);

    const refused = await app.call('POST', `/api/tasks/${taskId}/claim`, { as: nurse });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'HISTORY_LIMIT', details: { events: 8, limit: 8 } });
    const complete = await app.call('POST', `/api/tasks/${taskId}/complete`, {
      as: nurse,
      body: { outcome: 'done' },
    });
    expect(complete.body.error.code).toBe('HISTORY_LIMIT');
    expect((await app.store.getInstance(instanceId))!.revision).toBe(8);

    // A deadline that comes due is refused the same way: logged, released, the worker keeps running.
    app.clock.advance('PT2H');
    expect(await app.tick()).toBe(0);
    expect(app.logs.some((l) => /not fired \(HISTORY_LIMIT\)/.test(l))).toBe(true);

    // Reads still work, and a lead can still end it.
    expect((await app.call('GET', `/api/instances/${instanceId}`, { as: nurse })).status).toBe(200);
    const cancel = await app.call('POST', `/api/instances/${instanceId}/cancel`, {
      as: await app.token('lead'),
      body: { reason: 'history limit' },
    });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body.instance.status).toBe('cancelled');
    expect((await app.store.verifyInstance(instanceId)).ok).toBe(true);
  });

  it('refuses an oversized event payload with 413 PAYLOAD_TOO_LARGE and changes nothing', async () => {
    const { app, nurse, instanceId, taskId } = await setUp({ eventPayloadLimitBytes: 4096 });
    const big = 'x'.repeat(5000);
    const complete = await app.call('POST', `/api/tasks/${taskId}/complete`, {
      as: nurse,
      body: { outcome: 'done', data: { summary: big } },
    });
    expect(complete.status).toBe(413);
    expect(complete.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 4096 } });
    expect((await app.store.getInstance(instanceId))!.revision).toBe(1);
    expect((await app.store.getTask(taskId))!.status).toBe('open');

    const start = await app.call('POST', '/api/instances', {
      as: nurse,
      body: { definitionId: workflow.id, data: { letter: big } },
    });
    expect(start.status).toBe(413);
    expect(start.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await app.store.listInstances()).items).toHaveLength(1);

    // Just under the limit is fine; a long completion note is the request's, not part of the event.
    const ok = await app.call('POST', `/api/tasks/${taskId}/complete`, {
      as: nurse,
      body: { outcome: 'done', data: { summary: 'x'.repeat(3000) }, note: big },
    });
    expect(ok.status, ok.text).toBe(200);
  });

  it('a body past the request limit is a typed 413 too, not a crash', async () => {
    const { app, nurse, taskId } = await setUp({ bodyLimitBytes: 10_000 });
    const res = await app.call('POST', `/api/tasks/${taskId}/complete`, {
      as: nurse,
      body: { outcome: 'done', note: 'y'.repeat(20_000) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('BODY_TOO_LARGE');
  });
});
