import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * Auditors find requests by the patient reference and by a person's name (never by typing ids), every
 * search is in the access log, and the log itself reads newest first and filters by category.
 */
const TRIAGE = 'portal-message-triage';

let t: TestApp;
let auditor: AuthHeaders;
let lead: AuthHeaders;
let sorter: AuthHeaders;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await makeApp();
  [auditor, lead, sorter] = await Promise.all([
    t.login('auditor'),
    t.login('lead'),
    t.login('medical-assistant'),
  ]);
  for (const patient of ['DEMO-5001', 'DEMO-5002']) {
    const started = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'Question', patient } },
    });
    expect(started.status, started.text).toBe(201);
    ids[patient] = started.body.instance.id;
    t.clock.advance('PT1M');
  }
  // The medical assistant opens and claims the second one's task.
  const task = (await t.store.listInstanceTasks(ids['DEMO-5002']!))[0]!;
  expect((await t.call('GET', `/api/tasks/${encodeURIComponent(task.id)}`, { as: sorter })).status).toBe(200);
  t.clock.advance('PT1M');
  expect(
    (await t.call('POST', `/api/tasks/${encodeURIComponent(task.id)}/claim`, { as: sorter })).status,
  ).toBe(200);
});
afterAll(() => t?.close());

describe('auditor search', () => {
  it('finds requests by patient reference, case-insensitively, and logs the search', async () => {
    const found = await t.call('POST', '/api/instances/search', {
      as: auditor,
      body: { patient: 'demo-5001' },
    });
    expect(found.status, found.text).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([ids['DEMO-5001']]);
    const none = await t.call('POST', '/api/instances/search', {
      as: auditor,
      body: { patient: 'DEMO-9999' },
    });
    expect(none.body.items).toEqual([]);
    const log = (await t.store.listAccess({ limit: 1000 })).items.filter(
      (e) => e.userId === t.user('auditor').id && e.dataCategory === 'instance-list',
    );
    expect(log.map((e) => e.detail)).toEqual([
      `search by patient reference: 1 instance (${ids['DEMO-5001']})`,
      'search by patient reference: 0 instances',
    ]);
    // The reference itself is patient data: it is not written to the log. (Its digits alone could be part
    // of a random id in the same entry, so the reference is looked for as typed, in either case.)
    const written = JSON.stringify(log).toLowerCase();
    expect(written).not.toContain('demo-5001');
    expect(written).not.toContain('demo-9999');
  });

  it('names each request found as the unfiltered list does: by its subject', async () => {
    const found = await t.call('POST', '/api/instances/search', {
      as: auditor,
      body: { patient: 'DEMO-5002' },
    });
    expect(found.status, found.text).toBe(200);
    const listed = await t.call('GET', '/api/instances', { as: auditor });
    const row = listed.body.items.find((i: { id: string }) => i.id === ids['DEMO-5002']);
    expect(row.subject).toEqual(expect.any(String));
    expect(found.body.items).toEqual([
      expect.objectContaining({ id: ids['DEMO-5002'], subject: row.subject }),
    ]);
  });

  it('finds requests by the name of a person who worked on them', async () => {
    const name = t.user('medical-assistant').displayName;
    const found = await t.call('POST', '/api/instances/search', {
      as: auditor,
      body: { personName: name.slice(0, 5).toLowerCase() },
    });
    expect(found.status, found.text).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([ids['DEMO-5002']]);
    const nobody = await t.call('POST', '/api/instances/search', {
      as: auditor,
      body: { personName: 'zzzz-nobody' },
    });
    expect(nobody.body.items).toEqual([]);
    const last = (await t.store.listAccess({ limit: 1000 })).items.at(-1)!;
    expect(last.detail).toBe('search by person name: 0 instances');
  });

  it('keeps to the period the request started in, as the unfiltered list does', async () => {
    // The two requests started a minute apart: a period ending between them finds only the first.
    const first = await t.store.getInstance(ids['DEMO-5001']!);
    const second = await t.store.getInstance(ids['DEMO-5002']!);
    const between = new Date(Date.parse(first!.startedAt) + 30_000).toISOString();
    // `to` is the end of the period, not part of it.
    const after = new Date(Date.parse(second!.startedAt) + 1_000).toISOString();
    const before = await t.call('POST', '/api/instances/search', {
      as: auditor,
      body: { patient: 'DEMO-5002', to: between },
    });
    expect(before.status, before.text).toBe(200);
    expect(before.body.items).toEqual([]);
    const within = await t.call('POST', '/api/instances/search', {
      as: auditor,
      body: { patient: 'DEMO-5002', from: between, to: after },
    });
    expect(within.body.items.map((i: { id: string }) => i.id)).toEqual([ids['DEMO-5002']]);
    const name = t.user('lead').displayName;
    const byName = await t.call('POST', '/api/instances/search', {
      as: auditor,
      body: { personName: name, from: between },
    });
    expect(byName.body.items.map((i: { id: string }) => i.id)).toEqual([ids['DEMO-5002']]);
  });

  it('refuses a period that ends before it starts, in words', async () => {
    const reversed = await t.call('POST', '/api/instances/search', {
      as: auditor,
      body: { patient: 'DEMO-5001', from: '2026-12-07T00:00:00Z', to: '2026-12-01T00:00:00Z' },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('VALIDATION_FAILED');
    expect(reversed.body.error.message).toMatch(/ends before it starts/);
    const listed = await t.call('GET', '/api/instances?from=2026-12-07T00:00:00Z&to=2026-12-01T00:00:00Z', {
      as: auditor,
    });
    expect(listed.status).toBe(400);
    expect(listed.body.error.message).toMatch(/ends before it starts/);
  });
});

describe('access log for people', () => {
  it('lists newest first with the workflow and step titles, filtered by person and category', async () => {
    const res = await t.call(
      'GET',
      `/api/audit/access-log?order=newest&category=phi&userId=${t.user('medical-assistant').id}`,
      { as: auditor },
    );
    expect(res.status, res.text).toBe(200);
    const rows = res.body.items as Array<{
      at: string;
      dataCategory: string;
      workflowTitle: string | null;
      stepTitle: string | null;
      action: string;
    }>;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.dataCategory === 'phi')).toBe(true);
    const times = rows.map((r) => r.at);
    expect(times).toEqual([...times].sort().reverse());
    const opened = rows.find((r) => r.action === 'GET /api/tasks/:id')!;
    expect(opened).toMatchObject({
      workflowTitle: 'Patient portal message triage',
      stepTitle: 'Sort the portal message',
    });
  });

  it('a search with nothing to search for is a clear 400', async () => {
    const empty = await t.call('POST', '/api/instances/search', { as: auditor, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses an unknown category or order with a clear error', async () => {
    const bad = await t.call('GET', '/api/audit/access-log?category=everything', { as: auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const order = await t.call('GET', '/api/audit/access-log?order=sideways', { as: auditor });
    expect(order.status).toBe(400);
  });
});
