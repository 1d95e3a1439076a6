import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, REFILL_PREPARED, type TestApp } from './support/app.ts';

/**
 * My work's Done folder (`GET /api/tasks?scope=done`): what I completed in the last 7 days, newest first,
 * with each request's subject — so "did I already send that?" has an answer. Only my own completions,
 * practice ones only when asked, and the read is in the access log like every list of subjects.
 */

const REFILL = 'prescription-refill';
const PREPARED = REFILL_PREPARED;

let t: TestApp;
let coordinator: AuthHeaders;
let other: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  await t.addUser('refill-coordinator-2', ['refill-coordinator']);
  coordinator = await t.token('refill-coordinator');
  other = await t.token('refill-coordinator-2');
});
afterAll(() => t?.close());

/** The front desk starts a refill; `who` claims and completes its first step. Returns the task id. */
async function prepareOne(patient: string, who: AuthHeaders, practice = false): Promise<string> {
  const started = practice
    ? await t.call('POST', '/api/instances', {
        as: await t.token('refill-coordinator'),
        body: { definitionId: REFILL, data: { patient, medication: 'lisinopril' }, practice: true },
      })
    : await t.call('POST', '/api/requests', {
        as: await t.token('front-desk'),
        body: { definitionId: REFILL, data: { patient, medication: 'lisinopril' } },
      });
  expect(started.status, started.text).toBe(201);
  const task = (await t.store.listInstanceTasks(started.body.instance.id)).find((x) => x.status === 'open')!;
  const id = encodeURIComponent(task.id);
  expect((await t.call('POST', `/api/tasks/${id}/claim`, { as: who })).status).toBe(200);
  t.clock.advance('PT10M');
  const done = await t.call('POST', `/api/tasks/${id}/complete`, {
    as: who,
    body: { outcome: 'prepared', data: PREPARED },
  });
  expect(done.status, done.text).toBe(200);
  return task.id;
}

const doneFolder = async (as: AuthHeaders, query = '') => {
  const r = await t.call('GET', `/api/tasks?scope=done${query}`, { as });
  expect(r.status, r.text).toBe(200);
  return r.body.items as Array<{ id: string; subject: string | null; outcome: string; closedAt: string }>;
};

describe('GET /api/tasks?scope=done', () => {
  it('lists what I completed, newest first, with subjects; not what a colleague completed', async () => {
    const first = await prepareOne('DEMO-8801', coordinator);
    t.clock.advance('PT1H');
    const second = await prepareOne('DEMO-8802', coordinator);
    const theirs = await prepareOne('DEMO-8803', other);
    const mine = await doneFolder(coordinator);
    expect(mine.map((x) => x.id)).toEqual([second, first]);
    expect(mine.map((x) => x.subject)).toEqual([
      'DEMO-8802 · Refill: lisinopril',
      'DEMO-8801 · Refill: lisinopril',
    ]);
    expect(mine.every((x) => x.outcome === 'prepared')).toBe(true);
    expect((await doneFolder(other)).map((x) => x.id)).toEqual([theirs]);
  });

  it('reaches back 7 days; practice runs only when asked', async () => {
    const practice = await prepareOne('DEMO-8804', coordinator, true);
    expect((await doneFolder(coordinator)).map((x) => x.id)).not.toContain(practice);
    expect((await doneFolder(coordinator, '&practice=true')).map((x) => x.id)).toEqual([practice]);
    t.clock.advance('P8D');
    expect(await doneFolder(coordinator)).toEqual([]);
  });

  it('is an access-log row naming the instances shown', async () => {
    t.clock.advance('PT1M');
    const id = await prepareOne('DEMO-8805', coordinator);
    await doneFolder(coordinator);
    const log = await t.store.listAccess({ userId: t.user('refill-coordinator').id, limit: 50 });
    const instanceId = id.slice(0, id.lastIndexOf(':'));
    expect(log.items.some((a) => a.detail === `done: 1; instances: ${instanceId}`)).toBe(true);
  });
});
