import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * The replay page steps through a request's history. It asks once for the state after every event,
 * so stepping forward and back reads nothing more: one read in the access log, not one per step.
 */
const TRIAGE = 'portal-message-triage';

let t: TestApp;
let auditor: AuthHeaders;
let id = '';

beforeAll(async () => {
  t = await makeApp();
  const [lead, sorter] = await Promise.all([t.login('lead'), t.login('medical-assistant')]);
  auditor = await t.login('auditor');
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: {
      definitionId: TRIAGE,
      data: { ...exampleStart(TRIAGE), subject: 'Question', patient: 'DEMO-7101' },
    },
  });
  expect(started.status, started.text).toBe(201);
  id = started.body.instance.id;
  const pool = await t.call('GET', '/api/tasks?scope=pool', { as: sorter });
  const task = (pool.body.items as { id: string; instanceId: string }[]).find((x) => x.instanceId === id)!;
  expect((await t.call('POST', `/api/tasks/${task.id}/claim`, { as: sorter })).status).toBe(200);
});
afterAll(() => t?.close());

describe('the replay’s states, asked once', () => {
  it('gives the state after each event, as the replay at that event does, with one access-log row', async () => {
    const before = await t.call('GET', '/api/audit/access-log?limit=1000', { as: auditor });
    const mark = Math.max(...(before.body.items as { id: number }[]).map((r) => r.id));
    const res = await t.call('GET', `/api/instances/${id}/states`, { as: auditor });
    expect(res.status, res.text).toBe(200);
    const states = res.body.states as { revision: number; data?: unknown }[];
    expect(states.length).toBe(res.body.of);
    expect(states.length).toBeGreaterThanOrEqual(2);
    for (let at = 1; at <= states.length; at++) {
      const one = await t.call('GET', `/api/instances/${id}/replay?at=${at}`, { as: auditor });
      expect(states[at - 1], `state after event ${at}`).toEqual(one.body.instance);
    }
    expect(states.every((s) => s.data === undefined)).toBe(true);

    const after = await t.call('GET', `/api/audit/access-log?limit=1000&instanceId=${id}`, { as: auditor });
    const rows = (after.body.items as { id: number; action: string; detail: string }[]).filter(
      (r) => r.id > mark && r.action === 'GET /api/instances/:id/states',
    );
    expect(rows.map((r) => r.detail)).toEqual(['replay every event']);
  });

  it('with the values: each state’s data, logged as a read of patient data', async () => {
    const res = await t.call('GET', `/api/instances/${id}/states?values=true`, { as: auditor });
    expect(res.status, res.text).toBe(200);
    expect((res.body.states as { data?: { patient?: string } }[]).at(-1)?.data?.patient).toBe('DEMO-7101');
    const log = await t.call('GET', '/api/audit/access-log?limit=1000&order=newest&category=phi', {
      as: auditor,
    });
    expect((log.body.items as { action: string }[])[0]?.action).toBe('GET /api/instances/:id/states');
  });

  it('is refused to staff with no task in the request', async () => {
    const other = await t.login('billing-specialist');
    expect((await t.call('GET', `/api/instances/${id}/states`, { as: other })).status).toBe(403);
  });
});
