import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * Lists (My work's task lists, the request lists) name every request they showed, so most of the
 * access log is list reads. An auditor can leave them out of the report, and still finds the ones
 * that showed a given request when looking into that request.
 */
const TRIAGE = 'portal-message-triage';

let t: TestApp;
let auditor: AuthHeaders;
let sorter: AuthHeaders;
const ids: Record<string, string> = {};

interface Row {
  action: string;
  instanceId: string | null;
  dataCategory: string;
  outcome: string;
  detail: string | null;
}

beforeAll(async () => {
  t = await makeApp();
  const lead = await t.login('lead');
  [auditor, sorter] = await Promise.all([t.login('auditor'), t.login('medical-assistant')]);
  for (const patient of ['DEMO-6001', 'DEMO-6002']) {
    const started = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'Question', patient } },
    });
    expect(started.status, started.text).toBe(201);
    ids[patient] = started.body.instance.id;
    t.clock.advance('PT1M');
  }
  // The pool shows both requests; the search shows only the second; the refused list shows none.
  expect((await t.call('GET', '/api/tasks?scope=pool', { as: sorter })).status).toBe(200);
  expect((await t.call('GET', '/api/tasks?scope=all', { as: sorter })).status).toBe(403);
  const found = await t.call('POST', '/api/instances/search', {
    as: auditor,
    body: { patient: 'DEMO-6002' },
  });
  expect(found.status, found.text).toBe(200);
  expect((await t.call('GET', '/api/instances', { as: auditor })).status).toBe(200);
});
afterAll(() => t?.close());

async function report(query: string): Promise<Row[]> {
  const res = await t.call('GET', `/api/audit/access-log?limit=1000&${query}`, { as: auditor });
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

describe('list reads in the access log', () => {
  it('a request’s report includes the lists that showed it, and no list that did not', async () => {
    const first = ids['DEMO-6001']!;
    const rows = await report(`instanceId=${first}`);
    const lists = rows.filter((r) => r.instanceId === null);
    expect(lists.map((r) => r.action).sort()).toEqual(['GET /api/instances', 'GET /api/tasks']);
    for (const row of lists) expect(row.detail).toContain(first);
    // The search named only the other request.
    expect(rows.some((r) => r.action === 'POST /api/instances/search')).toBe(false);
    expect(rows.every((r) => r.instanceId === first || r.instanceId === null)).toBe(true);
    expect(rows.some((r) => r.instanceId === first)).toBe(true);

    const second = await report(`instanceId=${ids['DEMO-6002']}`);
    expect(second.filter((r) => r.instanceId === null).map((r) => r.action)).toEqual(
      expect.arrayContaining(['POST /api/instances/search', 'GET /api/tasks', 'GET /api/instances']),
    );
  });

  it('an id matches whole: part of a request’s id finds none of its lists', async () => {
    const part = ids['DEMO-6001']!.slice(0, -1);
    expect(await report(`instanceId=${part}`)).toEqual([]);
  });

  it('listReads=false leaves out allowed lists; searches and refusals stay', async () => {
    const all = await report('');
    expect(all.some((r) => r.action === 'GET /api/tasks' && r.outcome === 'allow')).toBe(true);
    const rows = await report('listReads=false');
    expect(
      rows
        .filter((r) => ['task-list', 'instance-list'].includes(r.dataCategory) && r.outcome === 'allow')
        .map((r) => r.action),
    ).toEqual(['POST /api/instances/search']);
    expect(rows).toContainEqual(expect.objectContaining({ action: 'GET /api/tasks', outcome: 'deny' }));
    expect(rows.some((r) => r.dataCategory === 'phi')).toBe(true);
    // Everything, as without the filter: plus the two reads of the report since (each is logged first).
    expect(await report('listReads=true')).toHaveLength(all.length + 2);
  });

  it('a list read under break-glass access always shows, with listReads=false too', async () => {
    await t.addUser('on-call-provider', ['provider', 'break-glass']);
    const onCall = await t.login('on-call-provider');
    const granted = await t.call('POST', '/api/emergency-access', {
      as: onCall,
      body: { reason: 'Unconscious patient in the ED, no chart access', minutes: 30 },
    });
    expect(granted.status, granted.text).toBe(201);
    const listed = await t.call('GET', '/api/instances?limit=500', { as: onCall });
    expect(listed.status, listed.text).toBe(200);
    const underGrant = (rows: Row[]) =>
      rows.filter(
        (r) => (r as Row & { emergencyAccessId: string | null }).emergencyAccessId === granted.body.grant.id,
      );
    const all = underGrant(await report(''));
    expect(all.map((r) => r.action)).toContain('GET /api/instances');
    // The auditor's default report leaves out list reads, but not the ones made under break glass.
    expect(underGrant(await report('listReads=false'))).toEqual(all);
    // Ordinary list reads are still left out.
    expect(
      (await report('listReads=false')).some(
        (r) => r.action === 'GET /api/tasks' && r.outcome === 'allow' && underGrant([r]).length === 0,
      ),
    ).toBe(false);
  });
});
