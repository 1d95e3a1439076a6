import { parseDefinition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { publish } from './support/prepare.ts';

/**
 * Escalations on the tracking sheet count when they happen, in the period they happened, whether or
 * not the task is done yet: for the person whose task it was (when someone had claimed it), for the
 * role it escalated from, and in the totals. Work nobody had claimed reads as waiting in the pool, last.
 */

const reset = parseDefinition({
  id: 'password-reset',
  title: 'Portal password reset',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'supervisor', name: 'Front office supervisor' },
  ],
  start: 'reset',
  intake: { roles: ['front-desk'], form: [{ id: 'patient', label: 'Patient reference', type: 'text' }] },
  steps: {
    reset: {
      type: 'task',
      role: 'front-desk',
      title: 'Reset the portal password',
      outcomes: { done: 'closed' },
      deadline: { after: 'PT2M', escalateTo: 'supervisor' },
    },
    closed: { type: 'end' },
  },
});

let t: TestApp;
let desk: AuthHeaders;
let day: string;

type Table = { id: string; columns: { key: string }[]; rows: (string | number)[][] };
const rowsOf = (tb: Table, keys: string[]) =>
  tb.rows.map((r) => keys.map((k) => r[tb.columns.findIndex((c) => c.key === k)]));

async function sheet(query: string) {
  const r = await t.call('GET', `/api/tracking/sheet?from=${day}&to=${day}${query}`, {
    as: await t.token('lead'),
  });
  expect(r.status, r.text).toBe(200);
  return (id: string) => (r.body.tables as Table[]).find((x) => x.id === id)!;
}

beforeAll(async () => {
  t = await makeApp({
    publish: false,
    start: '2026-03-10T16:00:00.000Z', // a Tuesday, 9 am in Denver: the clinic is open
    users: [
      { username: 'desk-1', roles: ['front-desk'] },
      { username: 'desk-2', roles: ['front-desk'] },
      { username: 'sup-1', roles: ['supervisor'] },
      { username: 'lead', roles: ['designer'] },
    ],
  });
  await publish(t.store, reset);
  desk = await t.token('desk-1');
  day = t.clock.now().slice(0, 10);
  const start = async (patient: string) => {
    const r = await t.call('POST', '/api/instances', {
      as: desk,
      body: { definitionId: reset.id, data: { patient } },
    });
    expect(r.status, r.text).toBe(201);
    return r.body.instance.active[0].taskId as string;
  };
  // desk-1 claims one and lets it run late; two more wait in the pool past their deadline.
  const claimed = await start('DEMO-6201');
  expect((await t.call('POST', `/api/tasks/${claimed}/claim`, { as: desk })).status).toBe(200);
  await start('DEMO-6202');
  await start('DEMO-6203');
  // A fourth is done in time: no escalation.
  const quick = await start('DEMO-6204');
  const desk2 = await t.token('desk-2');
  expect((await t.call('POST', `/api/tasks/${quick}/claim`, { as: desk2 })).status).toBe(200);
  const done = await t.call('POST', `/api/tasks/${quick}/complete`, { as: desk2, body: { outcome: 'done' } });
  expect(done.status, done.text).toBe(200);
  expect(await t.advanceTo(new Date(Date.parse(t.clock.now()) + 10 * 60_000).toISOString())).toBe(3);
  const escalated = await t.store.listTasks({ scope: 'pool', roles: ['supervisor'] });
  expect(escalated.items).toHaveLength(3); // open, now with the supervisor
});
afterAll(() => t?.close());

describe('escalations on the tracking sheet', () => {
  it('count while the escalated tasks are still open: per person, per role and in totals', async () => {
    const byPerson = await sheet('&view=person');
    expect(rowsOf(byPerson('totals'), ['person', 'role', 'escalations'])).toEqual([
      ['desk-1', 'Front desk', 1],
      ['desk-2', 'Front desk', 0],
      ['Not yet claimed (in the pool)', 'Front desk', 2],
      // Where they wait now, past due: the supervisor's pool did not let them escalate.
      ['Not yet claimed (in the pool)', 'Front office supervisor', 0],
    ]);
    const byRole = await sheet('&view=role');
    expect(rowsOf(byRole('totals'), ['role', 'escalations', 'openOverdue'])).toEqual([
      ['Front desk', 3, 0],
      ['Front office supervisor', 0, 3],
    ]);
    const own = await sheet(`&person=${t.user('desk-1').id}`);
    expect(rowsOf(own('totals'), ['person', 'escalations'])).toEqual([['desk-1', 1]]);
  });

  it('count in the period they happened, not in another', async () => {
    const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const r = await t.call('GET', `/api/tracking/sheet?from=${next}&to=${next}&view=role`, {
      as: await t.token('lead'),
    });
    expect(r.status, r.text).toBe(200);
    const totals = (r.body.tables as Table[]).find((x) => x.id === 'totals')!;
    expect(
      rowsOf(totals, ['escalations'])
        .flat()
        .reduce((s, n) => Number(s) + Number(n), 0),
    ).toBe(0);
  });

  it('stay counted once when the supervisor completes the task', async () => {
    const sup = await t.token('sup-1');
    const [task] = (await t.store.listTasks({ scope: 'pool', roles: ['supervisor'] })).items;
    expect((await t.call('POST', `/api/tasks/${task!.id}/claim`, { as: sup })).status).toBe(200);
    const done = await t.call('POST', `/api/tasks/${task!.id}/complete`, {
      as: sup,
      body: { outcome: 'done' },
    });
    expect(done.status, done.text).toBe(200);
    const byRole = await sheet('&view=role');
    expect(rowsOf(byRole('totals'), ['role', 'escalations'])).toEqual([
      ['Front desk', 3],
      ['Front office supervisor', 0],
    ]);
  });
});
