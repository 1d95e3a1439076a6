import { createClient } from '@libsql/client';
import { canonicalJson, type RecordedEvent, replay } from '@portalflow/engine';
import { eventHash } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { clinicClock } from '../src/audit/clinic-clock.ts';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/** The export CSV's table: the lines after the blank line that ends what the request is. */
const table = (text: string) => {
  const lines = parseCsv(text.replace(/^\uFEFF/, ''));
  return lines.slice(lines.findIndex((l) => l.every((c) => c === '')) + 1);
};

/**
 * The audit trail: a timeline with old → new values, replay to any point, export, tamper detection
 * on the hash chain, and the access log of who read (or was refused) what.
 */

const TRIAGE = 'portal-message-triage';
const NEW_DUE = '2026-03-02T20:00:00.000Z';

let t: TestApp;
let lead: AuthHeaders;
let sorter: AuthHeaders;
let auditor: AuthHeaders;
let billing: AuthHeaders;
let instanceId: string;
let firstDue: string;

interface TimelineRow {
  seq: number;
  actor: string | null;
  role: string | null;
  type: string;
  summary: string;
  changes: Array<{ field: string; step?: string; from: unknown; to: unknown }>;
  steps: string[];
  hash: string;
}

/**
 * One portal message: started by the lead, claimed by the medical assistant, made urgent with an
 * earlier due time by the lead, sorted, then given to a named nurse.
 */
beforeAll(async () => {
  t = await makeApp();
  [lead, sorter, auditor, billing] = await Promise.all([
    t.login('lead'),
    t.login('medical-assistant'),
    t.login('auditor'),
    t.login('billing-specialist'),
  ]);
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: {
      definitionId: TRIAGE,
      data: { ...exampleStart(TRIAGE), subject: 'Dizzy since the new pills', patient: 'DEMO-4242' },
    },
  });
  expect(started.status).toBe(201);
  instanceId = started.body.instance.id;
  const task = started.body.instance.active[0];
  firstDue = task.due;
  const taskPath = `/api/tasks/${encodeURIComponent(task.taskId)}`;

  t.clock.advance('PT5M');
  expect((await t.call('POST', `${taskPath}/claim`, { as: sorter })).status).toBe(200);
  t.clock.advance('PT5M');
  const reassigned = await t.call('POST', `${taskPath}/reassign`, {
    as: lead,
    body: { due: NEW_DUE, priority: 'urgent', reason: 'Patient called twice' },
  });
  expect(reassigned.status, reassigned.text).toBe(200);
  t.clock.advance('PT5M');
  const done = await t.call('POST', `${taskPath}/complete`, {
    as: sorter,
    body: { outcome: 'sorted', data: { topic: 'medical-question', redFlags: false } },
  });
  expect(done.status, done.text).toBe(200);
  const review = done.body.instance.active.find((a: { step: string }) => a.step === 'nurse-review');
  t.clock.advance('PT5M');
  const given = await t.call('POST', `/api/tasks/${encodeURIComponent(review.taskId)}/reassign`, {
    as: lead,
    body: { assignee: t.user('triage-nurse').id },
  });
  expect(given.status, given.text).toBe(200);
});
afterAll(() => t?.close());

describe('history timeline', () => {
  let timeline: TimelineRow[];
  beforeAll(async () => {
    const history = await t.call('GET', `/api/instances/${instanceId}/history`, { as: auditor });
    expect(history.status).toBe(200);
    timeline = history.body.timeline;
    expect(history.body.events).toHaveLength(5);
  });

  it('has one row per event, in order, each with who and what', () => {
    expect(timeline.map((r) => [r.seq, r.type])).toEqual([
      [1, 'start'],
      [2, 'reassign'],
      [3, 'reassign'],
      [4, 'complete'],
      [5, 'reassign'],
    ]);
    expect(timeline.map((r) => r.actor)).toEqual([
      t.user('lead').id,
      t.user('medical-assistant').id,
      t.user('lead').id,
      t.user('medical-assistant').id,
      t.user('lead').id,
    ]);
  });

  it('shows the claim as assignee: nobody → the medical assistant', () => {
    expect(timeline[1]!.changes).toContainEqual(
      expect.objectContaining({
        field: 'assignee',
        step: 'sort-message',
        from: null,
        to: t.user('medical-assistant').id,
      }),
    );
    expect(timeline[1]!.role).toBe('medical-assistant');
  });

  it('calls taking a task from the pool a claim, and a lead changing it a reassignment, by step title', () => {
    expect(timeline[1]!.summary).toBe('claimed “Sort the portal message”');
    expect(timeline[2]!.summary).toBe('reassigned “Sort the portal message”');
  });

  it('shows the lead moving the due time and raising the priority, old → new', () => {
    expect(timeline[2]!.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'due', step: 'sort-message', from: firstDue, to: NEW_DUE }),
        expect.objectContaining({ field: 'priority', step: 'sort-message', from: 'normal', to: 'urgent' }),
      ]),
    );
    expect(firstDue).not.toBe(NEW_DUE);
  });

  it('shows the outcome chosen, by whom and in which role, and the step it led to', () => {
    const row = timeline[3]!;
    expect(row.summary).toBe('completed “Sort the portal message” → Sorted');
    expect(row.changes).toContainEqual(
      expect.objectContaining({ field: 'outcome', step: 'sort-message', from: null, to: 'sorted' }),
    );
    expect(row.role).toBe('medical-assistant');
    expect(row.steps).toContain('nurse-review');
    // People read titles: each change names its step's title too, so no screen shows a step id.
    expect(row.changes.find((c) => c.field === 'outcome')).toMatchObject({
      stepTitle: 'Sort the portal message',
    });
  });

  it('shows the hand-over to a named nurse', () => {
    expect(timeline[4]!.changes).toContainEqual(
      expect.objectContaining({
        field: 'assignee',
        step: 'nurse-review',
        from: null,
        to: t.user('triage-nurse').id,
      }),
    );
  });
});

describe('replay?at=N', () => {
  it('at=0 is before the start', async () => {
    const r = await t.call('GET', `/api/instances/${instanceId}/replay?at=0`, { as: auditor });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ at: 0, snapshot: null, active: [] });
  });

  it('gives the state after each event', async () => {
    const view = async (n: number) => {
      const r = await t.call('GET', `/api/instances/${instanceId}/replay?at=${n}&values=true`, {
        as: auditor,
      });
      expect(r.status).toBe(200);
      expect(r.body.at).toBe(n);
      expect(r.body.of).toBe(5);
      return r.body.instance;
    };
    const nurse = t.user('triage-nurse').id;
    const sorterId = t.user('medical-assistant').id;
    const pick = (i: { active: Array<Record<string, unknown>> }) =>
      i.active.map(({ step, assignee, due, priority }) => ({ step, assignee, due, priority }));
    expect(pick(await view(1))).toEqual([
      { step: 'sort-message', assignee: null, due: firstDue, priority: 'normal' },
    ]);
    expect(pick(await view(2))).toEqual([
      { step: 'sort-message', assignee: sorterId, due: firstDue, priority: 'normal' },
    ]);
    expect(pick(await view(3))).toEqual([
      { step: 'sort-message', assignee: sorterId, due: NEW_DUE, priority: 'urgent' },
    ]);
    const four = await view(4);
    expect(four.data).toMatchObject({ topic: 'medical-question', redFlags: false });
    expect(pick(four).map((a) => [a.step, a.assignee])).toEqual([['nurse-review', null]]);
    expect(pick(await view(5)).map((a) => [a.step, a.assignee])).toEqual([['nurse-review', nurse]]);
  });

  it('at the last event (or beyond) is the current instance exactly', async () => {
    const current = await t.call('GET', `/api/instances/${instanceId}`, { as: auditor });
    for (const n of [5, 50]) {
      const r = await t.call('GET', `/api/instances/${instanceId}/replay?at=${n}&values=true`, {
        as: auditor,
      });
      expect(r.body.at).toBe(5);
      expect(r.body.instance).toEqual(current.body.instance);
    }
    const stored = (await t.store.getInstance(instanceId))!;
    const events = await t.store.listEvents(instanceId);
    const history: RecordedEvent[] = events.map((e) => ({
      at: e.at,
      event: e.payload as RecordedEvent['event'],
    }));
    const definition = (await t.store.getVersion(TRIAGE))!.definition;
    expect(canonicalJson(replay(definition, history))).toBe(canonicalJson(stored.snapshot));
  });
});

describe('export', () => {
  it('JSON: events, timeline and the chain check, as a download', async () => {
    const r = await t.call('GET', `/api/instances/${instanceId}/export?format=json`, { as: auditor });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="instance-${instanceId}.json"`);
    expect(r.body.instance).toEqual({ id: instanceId, definitionId: TRIAGE, version: 1 });
    expect(r.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(r.body.timeline).toHaveLength(5);
    expect(r.body.verify).toMatchObject({ ok: true, count: 5 });
  });

  it('CSV: what the request is, then one row per event, with old → new values and each hash', async () => {
    const r = await t.call('GET', `/api/instances/${instanceId}/export?format=csv`, { as: auditor });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="instance-${instanceId}.csv"`);
    const [header, ...rows] = table(r.text);
    expect(header!.slice(0, 6)).toEqual(['when', 'who', 'role', 'what', 'step', 'changes']);
    expect(rows).toHaveLength(5);
    const events = await t.store.listEvents(instanceId);
    for (const [i, event] of events.entries()) {
      // Each row's sequence number and hash match the chain the check verifies.
      expect(rows[i]![header!.indexOf('seq')]).toBe(String(event.seq));
      expect(rows[i]![header!.indexOf('hash')]).toBe(event.hash);
    }
    const changes = (row: string[]) => row[header!.indexOf('changes')];
    expect(changes(rows[2]!)).toContain('Priority: Normal → Urgent');
    expect(changes(rows[2]!)).toContain(`Due: ${clinicClock(firstDue, 'America/Denver')} → `);
    expect(rows[3]![header!.indexOf('what')]).toBe('Completed with “Sorted”');
  });

  it('CSV a clinic reads: a byte order mark, names, role titles and clinic times, the ids at the end', async () => {
    const r = await t.app.request(`/api/instances/${instanceId}/export?format=csv`, { headers: auditor });
    // The byte order mark tells Excel the file is UTF-8, so “ → are not garbled (read as bytes:
    // decoding text drops it).
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = table(new TextDecoder().decode(bytes));
    const column = (name: string) => header!.indexOf(name);
    expect(header!.slice(-5)).toEqual(['seq', 'hash', 'person id', 'role id', 'event code']);
    const leadUser = (await t.store.findUserByUsername('lead'))!;
    const started = rows[0]!;
    expect(started[column('who')]).toBe(leadUser.displayName);
    expect(started[column('role')]).toBe('Operations lead');
    expect(started[column('person id')]).toBe(leadUser.id);
    expect(started[column('role id')]).toBe('designer');
    // Times in the clinic's zone (America/Denver, winter: UTC−7), with the offset.
    const events = await t.store.listEvents(instanceId);
    const at = new Date(events[0]!.at);
    const mountain = new Date(at.getTime() - 7 * 3_600_000).toISOString().slice(0, 19);
    expect(started[column('when (ISO)')]).toBe(`${mountain}-07:00`);
    expect(started[column('when')]).toBe(clinicClock(events[0]!.at, 'America/Denver'));
  });

  it('refuses staff without a part in the instance', async () => {
    const r = await t.call('GET', `/api/instances/${instanceId}/export?format=csv`, { as: billing });
    expect(r.status).toBe(403);
    expect(r.text).not.toContain('DEMO-4242');
  });
});

describe('access log', () => {
  it('records reads and refusals, by route pattern, never by URL values', async () => {
    const since = t.clock.advance('PT1M');
    expect((await t.call('GET', `/api/instances/${instanceId}`, { as: lead })).status).toBe(200);
    expect((await t.call('GET', `/api/instances/${instanceId}`, { as: billing })).status).toBe(403);
    expect((await t.call('GET', `/api/instances/${instanceId}/history`, { as: billing })).status).toBe(403);
    expect((await t.call('GET', '/api/audit/access-log', { as: lead })).status).toBe(403);

    const log = await t.call('GET', `/api/audit/access-log?from=${since}`, { as: auditor });
    expect(log.status).toBe(200);
    const rows = log.body.items as Array<Record<string, unknown>>;
    const pick = (r: Record<string, unknown>) => ({
      userId: r.userId,
      action: r.action,
      instanceId: r.instanceId,
      dataCategory: r.dataCategory,
      outcome: r.outcome,
    });
    expect(rows.map(pick)).toEqual([
      {
        userId: t.user('lead').id,
        action: 'GET /api/instances/:id',
        instanceId,
        dataCategory: 'phi',
        outcome: 'allow',
      },
      {
        userId: t.user('billing-specialist').id,
        action: 'GET /api/instances/:id',
        instanceId,
        dataCategory: 'phi',
        outcome: 'deny',
      },
      {
        userId: t.user('billing-specialist').id,
        action: 'GET /api/instances/:id/history',
        instanceId,
        dataCategory: 'history',
        outcome: 'deny',
      },
      {
        userId: t.user('lead').id,
        action: 'GET /api/audit/access-log',
        instanceId: null,
        dataCategory: 'access-log',
        outcome: 'deny',
      },
      // Reading the access log is itself logged.
      {
        userId: t.user('auditor').id,
        action: 'GET /api/audit/access-log',
        instanceId: null,
        dataCategory: 'access-log',
        outcome: 'allow',
      },
    ]);
    // The auditor, who may read every request, is told the chart number each row is about, nothing
    // else of the request; an admin reads the log without reading requests, so is not told it.
    const about = rows.filter((r) => r.instanceId === instanceId);
    expect(about.map((r) => r.reference)).toEqual(['DEMO-4242', 'DEMO-4242', 'DEMO-4242']);
    const admin = await t.call('GET', `/api/audit/access-log?from=${since}`, { as: await t.token('admin') });
    expect(admin.status).toBe(200);
    expect(JSON.stringify(admin.body)).not.toContain('DEMO-4242');
    expect(
      admin.body.items.filter((r: { instanceId: string | null }) => r.instanceId === instanceId),
    ).toHaveLength(3);
  });

  it('records the auditor reading the history, and filters by instance and outcome', async () => {
    const byInstance = await t.call('GET', `/api/audit/access-log?instanceId=${instanceId}&limit=1000`, {
      as: auditor,
    });
    expect(byInstance.status).toBe(200);
    const items = byInstance.body.items as Array<{
      userId: string;
      action: string;
      outcome: string;
      instanceId: string;
    }>;
    expect(items.every((r) => r.instanceId === instanceId)).toBe(true);
    expect(items).toContainEqual(
      expect.objectContaining({
        userId: t.user('auditor').id,
        action: 'GET /api/instances/:id/history',
        outcome: 'allow',
      }),
    );
    expect(items.some((r) => r.action.includes(instanceId))).toBe(false);

    const denials = await t.call('GET', '/api/audit/access-log?outcome=deny&limit=1000', { as: auditor });
    const outcomes = new Set((denials.body.items as Array<{ outcome: string }>).map((r) => r.outcome));
    expect([...outcomes]).toEqual(['deny']);
  });
});

describe('tamper detection', () => {
  it('verifies while untouched', async () => {
    const one = await t.call('GET', `/api/audit/verify?instanceId=${instanceId}`, { as: auditor });
    expect(one.body.result).toMatchObject({ ok: true, count: 5 });
    const all = await t.call('GET', '/api/audit/verify', { as: auditor });
    expect(all.body).toMatchObject({ ok: true, failures: [] });
  });

  it('an events row edited in the database file is named by instance and sequence', async () => {
    // A bystander instance, which must still verify afterwards.
    const other = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: TRIAGE, data: exampleStart(TRIAGE) },
    });
    const otherId: string = other.body.instance.id;

    // An attacker with the database file: a second connection, raw SQL.
    const raw = createClient({ url: t.dbUrl });
    try {
      const rewrite = {
        sql: `UPDATE events SET payload = replace(payload, '"outcome":"sorted"', '"outcome":"no-reply-needed"')
              WHERE instance_id = ? AND seq = 4`,
        args: [instanceId],
      };
      // The append-only trigger refuses the edit…
      await expect(raw.execute(rewrite)).rejects.toThrow(/append-only|abort/i);
      // …so the attacker drops it first.
      const triggers = await raw.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' AND name LIKE '%update%'",
      );
      for (const row of triggers.rows) await raw.execute(`DROP TRIGGER "${String(row.name)}"`);
      const edited = await raw.execute(rewrite);
      expect(edited.rowsAffected).toBe(1);
    } finally {
      raw.close();
    }

    const one = await t.call('GET', `/api/audit/verify?instanceId=${instanceId}`, { as: auditor });
    expect(one.status).toBe(200);
    expect(one.body.result).toMatchObject({ ok: false, instanceId, seq: 4, fault: 'hash-mismatch' });
    expect(one.body.result.reason).toContain(instanceId);

    const all = await t.call('GET', '/api/audit/verify', { as: auditor });
    expect(all.body.ok).toBe(false);
    expect(all.body.failures).toEqual([expect.objectContaining({ instanceId, seq: 4 })]);

    const bystander = await t.call('GET', `/api/audit/verify?instanceId=${otherId}`, { as: auditor });
    expect(bystander.body.result).toMatchObject({ ok: true });
    // The export carries the failed check, so a copy handed on says so too.
    // The altered history can still be read and exported as evidence, and the export says it failed.
    const exported = await t.call('GET', `/api/instances/${instanceId}/export?format=json`, { as: auditor });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.body.verify).toMatchObject({ ok: false, seq: 4 });
    const history = await t.call('GET', `/api/instances/${instanceId}/history`, { as: auditor });
    expect(history.status, history.text).toBe(200);
    const timeline = history.body.timeline as TimelineRow[];
    expect(timeline.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(timeline[3]!.summary).toBe('completed “Sort the portal message” → No reply needed');
    expect(timeline[4]).toMatchObject({ seq: 5, changes: [], replayError: expect.stringMatching(/Event 5/) });
  });

  it('re-hashing the edited row breaks the link to the next event instead', async () => {
    const raw = createClient({ url: t.dbUrl });
    try {
      const rs = await raw.execute({
        sql: 'SELECT * FROM events WHERE instance_id = ? AND seq = 4',
        args: [instanceId],
      });
      const row = rs.rows[0]!;
      const hash = eventHash({
        instanceId,
        seq: 4,
        at: String(row.at),
        actor: row.actor === null ? null : String(row.actor),
        role: row.role === null ? null : String(row.role),
        type: String(row.type),
        payload: JSON.parse(String(row.payload)),
        prevHash: String(row.prev_hash),
      });
      await raw.execute({
        sql: 'UPDATE events SET hash = ? WHERE instance_id = ? AND seq = 4',
        args: [hash, instanceId],
      });
    } finally {
      raw.close();
    }
    const one = await t.call('GET', `/api/audit/verify?instanceId=${instanceId}`, { as: auditor });
    expect(one.body.result).toMatchObject({ ok: false, instanceId, seq: 5, fault: 'broken-link' });
  });
});

describe('what a passed deadline reads as', () => {
  it('names the step whose deadline passed, not the timer id, and the role it escalated to', async () => {
    const started = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), patient: 'DEMO-4243' } },
    });
    expect(started.status, started.text).toBe(201);
    const id = started.body.instance.id as string;
    await t.advanceTo(new Date(Date.parse(t.clock.now()) + 7 * 86_400_000).toISOString());
    // A week on, the earlier sign-in has ended: the auditor signs in again.
    const history = await t.call('GET', `/api/instances/${id}/history`, { as: await t.login('auditor') });
    expect(history.status, history.text).toBe(200);
    const fired = history.body.timeline.filter((r: TimelineRow) => r.type === 'timer-fired');
    expect(fired.length).toBeGreaterThan(0);
    // Its deadline escalates the task: the entry says to whom.
    expect(fired[0].summary).toBe('deadline passed on “Sort the portal message”, escalated to Nurse manager');
    for (const row of fired) expect(row.summary).not.toMatch(/\.deadline|\.wait/);
  });
});
