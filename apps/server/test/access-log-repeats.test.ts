import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * A screen that asks again (a task page refetched, a replay stepped through) leaves a row per read; the
 * report folds the same person's same read of the same request within a few minutes into one row with
 * a count and its first and last time. Every read is still stored and still listed unfolded; a
 * different person, request, kind of read, a refusal or a read under break-glass access is never folded in.
 */
const TRIAGE = 'portal-message-triage';

let t: TestApp;
let auditor: AuthHeaders;
let lead: AuthHeaders;
let sorter: AuthHeaders;
let instanceId = '';
let taskId = '';

interface Row {
  id: number;
  at: string;
  userId: string | null;
  action: string;
  instanceId: string | null;
  dataCategory: string;
  detail: string | null;
  repeats?: { count: number; firstAt: string; lastAt: string };
}

beforeAll(async () => {
  t = await makeApp();
  [auditor, lead, sorter] = await Promise.all([
    t.login('auditor'),
    t.login('lead'),
    t.login('medical-assistant'),
  ]);
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: {
      definitionId: TRIAGE,
      data: { ...exampleStart(TRIAGE), subject: 'Question', patient: 'DEMO-7001' },
    },
  });
  expect(started.status, started.text).toBe(201);
  instanceId = started.body.instance.id;
  const pool = await t.call('GET', '/api/tasks?scope=pool', { as: sorter });
  taskId = (pool.body.items as { id: string; instanceId: string }[]).find(
    (x) => x.instanceId === instanceId,
  )!.id;
});
afterAll(() => t?.close());

async function report(query: string, as = auditor): Promise<Row[]> {
  const res = await t.call('GET', `/api/audit/access-log?limit=1000&order=newest&${query}`, { as });
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}
const about = (rows: Row[], userId: string) =>
  rows.filter(
    (r) => r.instanceId === instanceId && r.userId === userId && r.action !== 'GET /api/audit/access-log',
  );

/** What the task page asks for when a staff member opens a task: the task, its history and its files. */
async function openTask() {
  for (const path of [
    `/api/tasks/${taskId}`,
    `/api/instances/${instanceId}/history?values=true`,
    `/api/instances/${instanceId}/attachments`,
  ])
    expect((await t.call('GET', path, { as: sorter })).status, path).toBe(200);
}

describe('repeated reads in the access log', () => {
  it('a staff member opening a task three times: one row per kind of read, each with its count', async () => {
    const sorterId = t.user('medical-assistant').id;
    const mark = Math.max(0, ...(await report('')).map((r) => r.id));
    for (let i = 0; i < 3; i++) {
      await openTask();
      t.clock.advance('PT1M');
    }
    const each = about(await report(`instanceId=${instanceId}`), sorterId).filter((r) => r.id > mark);
    expect(each).toHaveLength(9);

    const folded = about(await report(`instanceId=${instanceId}&repeats=fold`), sorterId).filter(
      (r) => r.id > mark,
    );
    expect(folded.map((r) => `${r.action} ×${r.repeats?.count ?? 1}`).sort()).toEqual([
      'GET /api/instances/:id/attachments ×3',
      'GET /api/instances/:id/history ×3',
      'GET /api/tasks/:id ×3',
    ]);
    const task = folded.find((r) => r.action === 'GET /api/tasks/:id')!;
    expect(Date.parse(task.repeats!.lastAt) - Date.parse(task.repeats!.firstAt)).toBe(2 * 60_000);
    expect(task.at).toBe(task.repeats!.lastAt);
  });

  it('an auditor stepping through the replay leaves one row in the report', async () => {
    const auditorId = t.user('auditor').id;
    for (let at = 1; at <= 4; at++)
      expect(
        (await t.call('GET', `/api/instances/${instanceId}/replay?at=${at}`, { as: auditor })).status,
      ).toBe(200);
    const replays = about(await report(`instanceId=${instanceId}&repeats=fold`), auditorId).filter(
      (r) => r.action === 'GET /api/instances/:id/replay',
    );
    expect(replays).toHaveLength(1);
    expect(replays[0]!.repeats?.count).toBe(4);
  });

  it('a burst of reads by two people at once still shows both, each with its count', async () => {
    t.clock.advance('PT1H');
    [auditor, lead] = await Promise.all([t.login('auditor'), t.login('lead')]);
    const [leadId, auditorId] = [t.user('lead').id, t.user('auditor').id];
    const reads = [];
    for (let i = 0; i < 5; i++)
      for (const as of [lead, auditor]) reads.push(t.call('GET', `/api/instances/${instanceId}`, { as }));
    for (const res of await Promise.all(reads)) expect(res.status).toBe(200);
    const rows = (await report(`instanceId=${instanceId}&repeats=fold`)).filter(
      (r) => r.action === 'GET /api/instances/:id' && Date.parse(r.at) >= Date.parse(t.clock.now()) - 1000,
    );
    expect(rows.map((r) => [r.userId, r.repeats?.count ?? 1]).sort()).toEqual(
      [
        [leadId, 5],
        [auditorId, 5],
      ].sort(),
    );
  });

  it('reads further apart than the window, and refusals, are not folded', async () => {
    t.clock.advance('PT1H');
    const other = await t.login('billing-specialist');
    for (let i = 0; i < 2; i++) {
      [auditor, lead] = await Promise.all([t.login('auditor'), t.login('lead')]);
      expect((await t.call('GET', `/api/instances/${instanceId}`, { as: lead })).status).toBe(200);
      expect((await t.call('GET', `/api/instances/${instanceId}`, { as: other })).status).toBe(403);
      t.clock.advance('PT20M');
    }
    auditor = await t.login('auditor');
    const since = Date.parse(t.clock.now()) - 45 * 60_000;
    const rows = (await report(`instanceId=${instanceId}&repeats=fold`)).filter(
      (r) => r.action === 'GET /api/instances/:id' && Date.parse(r.at) >= since,
    );
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.repeats === undefined)).toBe(true);
  });
});
