import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * A history names the fields each event changed; their values (what the patient wrote, the patient
 * reference, the form answers) come only when asked for with `?values=true`, and that read is in the
 * access log as the read of patient data it is. The audit screen's timeline reveals them on purpose.
 */
const TRIAGE = 'portal-message-triage';
const PATIENT = 'DEMO-4343';
const SUBJECT = 'Dizzy since the new pills';

let t: TestApp;
let auditor: AuthHeaders;
let lead: AuthHeaders;
let sorter: AuthHeaders;
let billing: AuthHeaders;
let instanceId: string;

beforeAll(async () => {
  t = await makeApp();
  [auditor, lead, sorter, billing] = await Promise.all([
    t.login('auditor'),
    t.login('lead'),
    t.login('medical-assistant'),
    t.login('billing-specialist'),
  ]);
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: SUBJECT, patient: PATIENT } },
  });
  expect(started.status, started.text).toBe(201);
  instanceId = started.body.instance.id;
  const taskPath = `/api/tasks/${encodeURIComponent(started.body.instance.active[0].taskId)}`;
  expect((await t.call('POST', `${taskPath}/claim`, { as: sorter })).status).toBe(200);
  const done = await t.call('POST', `${taskPath}/complete`, {
    as: sorter,
    body: { outcome: 'sorted', data: { topic: 'medical-question', redFlags: false } },
  });
  expect(done.status, done.text).toBe(200);
});
afterAll(() => t?.close());

/** The access-log rows written by one request. */
async function rowsOf(send: () => Promise<ApiResponse>) {
  const mark = Math.max(0, ...(await t.store.listAccess({ limit: 1000 })).items.map((r) => r.id));
  const res = await send();
  const rows = (await t.store.listAccess({ limit: 1000 })).items.filter((r) => r.id > mark);
  return { res, rows };
}

type Change = { field: string; from?: unknown; to?: unknown };

describe('a history without its values', () => {
  it('names the fields that changed and sends none of their values', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/history`, { as: auditor }),
    );
    expect(res.status).toBe(200);
    const { body, text } = res;
    expect(body.values).toBe(false);
    for (const value of [PATIENT, SUBJECT, 'medical-question']) expect(text).not.toContain(value);
    const started: Change[] = body.timeline[0].changes;
    const data = started.filter((c) => c.field.startsWith('data.'));
    expect(data.map((c) => c.field)).toEqual(expect.arrayContaining(['data.patient', 'data.subject']));
    for (const change of data) {
      expect(change).not.toHaveProperty('from');
      expect(change).not.toHaveProperty('to');
    }
    // What is not patient data stays: who holds the task, when it is due, the outcome.
    expect(body.timeline[0].changes).toContainEqual(expect.objectContaining({ field: 'due' }));
    expect(body.timeline[2].changes).toContainEqual(
      expect.objectContaining({ field: 'outcome', to: 'sorted' }),
    );
    expect(body.events[0].payload).not.toHaveProperty('data');
    expect(body.events[0].payload.type).toBe('start');
    expect(body.instance).not.toHaveProperty('data');
    expect(rows.map((r) => [r.action, r.dataCategory, r.outcome, r.detail])).toEqual([
      ['GET /api/instances/:id/history', 'history', 'allow', 'history'],
    ]);
  });

  it('replays the state at an event without its data', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/replay?at=1`, { as: auditor }),
    );
    const { body, text } = res;
    expect(res.status).toBe(200);
    expect(text).not.toContain(PATIENT);
    expect(body.instance.active).toHaveLength(1);
    expect(body.instance).not.toHaveProperty('data');
    expect(rows.map((r) => [r.dataCategory, r.detail])).toEqual([['history', 'replay 1']]);
  });
});

describe('a history with its values', () => {
  it('sends the old → new values and logs the read as a read of patient data', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/history?values=true`, { as: auditor }),
    );
    const { body } = res;
    expect(res.status).toBe(200);
    expect(body.values).toBe(true);
    expect(body.timeline[0].changes).toContainEqual(
      expect.objectContaining({ field: 'data.patient', from: null, to: PATIENT }),
    );
    expect(body.events[0].payload.data).toMatchObject({ patient: PATIENT });
    expect(body.instance.data).toMatchObject({ patient: PATIENT, topic: 'medical-question' });
    expect(rows.map((r) => [r.action, r.instanceId, r.dataCategory, r.outcome, r.detail])).toEqual([
      ['GET /api/instances/:id/history', instanceId, 'phi', 'allow', 'history with values'],
    ]);
  });

  it('replays the data at an event when asked, as a read of patient data', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/replay?at=1&values=true`, { as: auditor }),
    );
    const { body } = res;
    expect(body.instance.data).toMatchObject({ patient: PATIENT });
    expect(body.instance.data).not.toHaveProperty('topic');
    expect(rows.map((r) => [r.dataCategory, r.detail])).toEqual([['phi', 'replay 1 with values']]);
  });

  it('a refused read of the values is a refused read of patient data', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/history?values=true`, { as: billing }),
    );
    expect(res.status).toBe(403);
    expect(rows.map((r) => [r.dataCategory, r.outcome, r.detail])).toEqual([
      ['phi', 'deny', 'history with values'],
    ]);
  });

  it('staff working the request read its history with the values', async () => {
    const res = await t.call('GET', `/api/instances/${instanceId}/history?values=true`, { as: sorter });
    expect(res.status).toBe(200);
    expect(res.text).toContain(PATIENT);
  });
});
