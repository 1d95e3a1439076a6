import { parseDefinition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { publish } from './support/prepare.ts';

/**
 * A task can escalate more than once: its deadline passes and it goes to the supervisor; a lead gives
 * it back with a new due time, and that passes too. Every escalation is kept: the request's history
 * lists each, when and to whom, and the tracking sheet counts each, for whoever let it pass.
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

type Table = { id: string; columns: { key: string }[]; rows: (string | number)[][] };
const rowsOf = (tb: Table, keys: string[]) =>
  tb.rows.map((r) => keys.map((k) => r[tb.columns.findIndex((c) => c.key === k)]));

let t: TestApp;
let lead: AuthHeaders;
let instanceId: string;
let day: string;
const T0 = '2026-03-10T16:00:00.000Z'; // a Tuesday, 9 am in Denver
const minutes = (n: number) => new Date(Date.parse(T0) + n * 60_000).toISOString();

beforeAll(async () => {
  t = await makeApp({
    publish: false,
    start: T0,
    users: [
      { username: 'desk-1', roles: ['front-desk'] },
      { username: 'desk-2', roles: ['front-desk'] },
      { username: 'sup-1', roles: ['supervisor'] },
      { username: 'lead', roles: ['designer'] },
    ],
  });
  await publish(t.store, reset);
  lead = await t.token('lead');
  day = T0.slice(0, 10);
  const desk = await t.token('desk-1');
  const started = await t.call('POST', '/api/instances', {
    as: desk,
    body: { definitionId: reset.id, data: { patient: 'DEMO-6301' } },
  });
  expect(started.status, started.text).toBe(201);
  instanceId = started.body.instance.id;
  const taskId = started.body.instance.active[0].taskId as string;
  expect((await t.call('POST', `/api/tasks/${taskId}/claim`, { as: desk })).status).toBe(200);
  // First escalation: desk-1 let it pass.
  expect(await t.advanceTo(minutes(10))).toBe(1);
  // A lead gives it back to the front desk, to desk-2, due in ten minutes; that passes too.
  const back = await t.call('POST', `/api/tasks/${taskId}/reassign`, {
    as: lead,
    body: { role: 'front-desk', assignee: t.user('desk-2').id, due: minutes(20), reason: 'Back to the desk' },
  });
  expect(back.status, back.text).toBe(200);
  expect(await t.advanceTo(minutes(30))).toBe(1);
});
afterAll(() => t?.close());

describe('a task that escalates twice', () => {
  it('the request history lists both escalations, each with when and to whom', async () => {
    const history = await t.call('GET', `/api/instances/${instanceId}/history`, { as: lead });
    expect(history.status, history.text).toBe(200);
    const escalations = history.body.timeline.filter((e: { type: string }) => e.type === 'timer-fired');
    expect(escalations.map((e: { at: string; summary: string }) => [e.at, e.summary])).toEqual([
      // Each when its deadline passed: two minutes after it opened, then the due time the lead gave.
      [minutes(2), 'deadline passed on “Reset the portal password”, escalated to Front office supervisor'],
      [minutes(20), 'deadline passed on “Reset the portal password”, escalated to Front office supervisor'],
    ]);
    for (const e of escalations)
      expect(e.changes).toContainEqual(expect.objectContaining({ field: 'role', to: 'supervisor' }));
  });

  it('the tracking sheet counts both, each for the person and role that let it pass', async () => {
    const sheet = async (query: string) => {
      const r = await t.call('GET', `/api/tracking/sheet?from=${day}&to=${day}${query}`, { as: lead });
      expect(r.status, r.text).toBe(200);
      return (r.body.tables as Table[]).find((x) => x.id === 'totals')!;
    };
    expect(rowsOf(await sheet('&view=role'), ['role', 'escalations'])).toContainEqual(['Front desk', 2]);
    const byPerson = rowsOf(await sheet('&view=person'), ['person', 'role', 'escalations']);
    expect(byPerson).toContainEqual(['desk-1', 'Front desk', 1]);
    expect(byPerson).toContainEqual(['desk-2', 'Front desk', 1]);
  });

  it('the store keeps each escalation, not only the last', async () => {
    const tally = await t.store.tallyEscalations({ from: T0, to: minutes(60), keys: ['person'] });
    expect(tally.map((e) => [e.person, e.escalations])).toEqual(
      [
        [t.user('desk-1').id, 1],
        [t.user('desk-2').id, 1],
      ].sort(),
    );
  });
});
