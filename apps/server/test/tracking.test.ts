import {
  addWallDuration,
  DEFAULT_SIMULATION_START,
  idToWords,
  parseScript,
  type ScriptEvent,
} from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import type { Task } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * The task tracking sheet through the HTTP API: every enrollment story of the examples is played by
 * the staff who own its steps, then the sheet must count what the stories did — and nothing that a
 * practice (sandbox) run did, in the sheet, the CSV, the queues, the instance search or the access log.
 */

const ENROLLMENT = 'enrollment-activation';
const SPECIALIST = 'portal-enrollment-specialist';
const PERIOD = 'from=2026-03-01&to=2026-04-30';
const stories = workflows.find((w) => w.id === ENROLLMENT)!.scripts;

let t: TestApp;

/** Plays one script through the API; returns the instance id. */
async function play(script: unknown, practice = false): Promise<string> {
  const events: ScriptEvent[] = parseScript(script);
  const first = events[0]!;
  if (first.type !== 'start') throw new Error('a script begins with start');
  t.clock.set(first.at ?? DEFAULT_SIMULATION_START);
  const starter = await t.token(SPECIALIST);
  const started = await t.call('POST', '/api/instances', {
    as: starter,
    body: { definitionId: ENROLLMENT, data: first.data ?? {}, practice },
  });
  expect(started.status, started.text).toBe(201);
  const id: string = started.body.instance.id;
  for (const event of events.slice(1)) {
    if (event.type === 'complete') {
      const user = await t.token(event.role);
      const pool = await t.call(
        'GET',
        `/api/tasks?scope=pool&definitionId=${ENROLLMENT}&limit=500${practice ? '&practice=true' : ''}`,
        { as: user },
      );
      const task = (pool.body.items as Task[]).find((x) => x.instanceId === id && x.step === event.step)!;
      expect(task, `${event.step} in the ${event.role} pool`).toBeDefined();
      expect((await t.call('POST', `/api/tasks/${task.id}/claim`, { as: user })).status).toBe(200);
      const body: Record<string, unknown> = { outcome: event.outcome };
      if (event.data) body.data = event.data;
      const done = await t.call('POST', `/api/tasks/${task.id}/complete`, { as: user, body });
      expect(done.status, done.text).toBe(200);
    } else if (event.type === 'signal') {
      const r = await t.call('POST', `/api/instances/${id}/signal`, {
        as: starter,
        body: { name: event.name },
      });
      expect(r.status, r.text).toBe(200);
    } else if (event.type === 'advance') {
      await t.advanceTo(addWallDuration(t.clock.now(), event.by));
    }
  }
  return id;
}

/** The enrollment numbers read straight from the scripts (no database, no sheet code involved). */
function fromScripts() {
  const n = {
    approached: 0,
    enrolled: 0,
    codesIssued: 0,
    activated: 0,
    sameDay: 0,
    declined: 0,
    escalatedToIt: 0,
    reasons: new Map<string, number>(),
  };
  for (const s of stories) {
    for (const e of parseScript(s.events)) {
      if (e.type !== 'complete') continue;
      const at = `${e.step}/${e.outcome}`;
      if (e.step === 'offer-enrollment') n.approached++;
      if (at === 'offer-enrollment/wants-portal') n.enrolled++;
      if (
        [
          'link-existing-account/token-sent',
          'send-invite/sent',
          'no-email-workaround/printed-activation-code',
          'reissue-code/reissued',
        ].includes(at)
      )
        n.codesIssued++;
      if (at === 'record-activation/recorded') {
        n.activated++;
        if (e.data?.activatedWithin === 'same-day') n.sameDay++;
      }
      if (at === 'link-existing-account/link-error') n.escalatedToIt++;
      if (
        [
          'offer-enrollment/declined',
          'no-email-workaround/declined',
          'reissue-code/patient-declined',
        ].includes(at)
      ) {
        n.declined++;
        const reason = String(e.data?.declineReason ?? 'not-recorded');
        n.reasons.set(reason, (n.reasons.get(reason) ?? 0) + 1);
      }
    }
  }
  return n;
}

type Table = {
  id: string;
  title?: string;
  columns: { key: string; label: string; unit?: string }[];
  rows: (string | number)[][];
};
const table = (sheet: { tables: Table[] }, id: string) => sheet.tables.find((x) => x.id === id)!;
const column = (tb: Table, key: string) => tb.columns.findIndex((c) => c.key === key);
const sum = (tb: Table, key: string) => tb.rows.reduce((s, r) => s + Number(r[column(tb, key)]), 0);

async function sheet(username: string, query = '') {
  const r = await t.call('GET', `/api/tracking/sheet?${PERIOD}${query}`, { as: await t.token(username) });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

beforeAll(async () => {
  t = await makeApp();
  for (const s of stories) await play(s.events);
}, 120_000);
afterAll(() => t?.close());

describe('tracking sheet from real workflow work', () => {
  it('counts the enrollment stories: approached, enrolled, codes, activations, declines by reason, IT escalations', async () => {
    const want = fromScripts();
    expect(want.approached).toBeGreaterThan(5);
    const s = await sheet('lead', '&view=role');
    const e = table(s, 'enrollment');
    expect(e.rows).toHaveLength(1);
    expect({
      approached: sum(e, 'approached'),
      enrolled: sum(e, 'enrolled'),
      codesIssued: sum(e, 'codesIssued'),
      activated: sum(e, 'activated'),
      sameDay: sum(e, 'sameDay'),
      declined: sum(e, 'declined'),
      escalatedToIt: sum(e, 'escalatedToIt'),
    }).toEqual({
      approached: want.approached,
      enrolled: want.enrolled,
      codesIssued: want.codesIssued,
      activated: want.activated,
      sameDay: want.sameDay,
      declined: want.declined,
      escalatedToIt: want.escalatedToIt,
    });
    // Each reason as the form offered it ("No device"), not its id.
    const d = table(s, 'declines');
    expect(new Map(d.rows.map((r) => [String(r[1]), Number(r[2])]))).toEqual(
      new Map([...want.reasons].map(([reason, n]) => [idToWords(reason), n])),
    );
  });

  it('counts requests by workflow: finished, start to end, cancelled, and open now; only on the clinic-wide sheet', async () => {
    const all = (await t.store.listInstances({ limit: 500 })).items;
    const done = all.filter((i) => i.status === 'done' && i.definitionId === ENROLLMENT);
    expect(done.length).toBeGreaterThan(2);
    const s = await sheet('lead');
    const tb = table(s, 'requests');
    const row = tb.rows.find((r) => r[column(tb, 'workflow')] === 'Portal enrollment and activation')!;
    expect(row[column(tb, 'finished')]).toBe(done.length);
    const ms = done.map((i) => Date.parse(i.updatedAt) - Date.parse(i.startedAt)).sort((a, b) => a - b);
    expect(row[column(tb, 'medianHours')]).toBe(Math.round(ms[Math.ceil(ms.length / 2) - 1]! / 36_000) / 100);
    expect(row[column(tb, 'p90Hours')]).toBe(Math.round(ms[Math.ceil(ms.length * 0.9) - 1]! / 36_000) / 100);
    expect(row[column(tb, 'open')]).toBe(
      all.filter((i) => i.status === 'active' && i.definitionId === ENROLLMENT).length,
    );
    // Every time column says it is in hours, so screens show "40 min" while the CSV keeps the number.
    const timed = (x: Table) => x.columns.filter((c) => /Hours$/.test(c.key));
    for (const x of s.tables as Table[])
      for (const c of timed(x))
        expect({ table: x.id, key: c.key, unit: c.unit }).toEqual({ table: x.id, key: c.key, unit: 'hours' });
    expect(timed(tb).length).toBe(2);
    // One person's sheet, or one role's, is about their own work: the clinic-wide request table is
    // withheld, with no rows, and says why in words.
    for (const filtered of [
      await sheet('lead', '&view=role&role=front-desk'),
      await sheet('portal-enrollment-specialist'),
    ]) {
      const withheld = table(filtered, 'requests') as Table & { note?: string; withheld?: boolean };
      expect(withheld.rows).toEqual([]);
      expect(withheld.withheld).toBe(true);
      expect(withheld.note).toBe(
        'A request passes through several roles and people, so how long requests take is counted only for the whole clinic, with Everyone and Every role chosen.',
      );
    }
    expect((table(s, 'requests') as Table & { withheld?: boolean }).withheld).toBeUndefined();
  });

  it('never puts patient identifiers in the sheet', async () => {
    const s = await sheet('lead');
    const text = JSON.stringify(s);
    for (const story of stories) {
      const start = parseScript(story.events)[0]!;
      const patient = start.type === 'start' ? start.data?.patient : undefined;
      if (typeof patient === 'string') expect(text).not.toContain(patient);
    }
    expect(text).not.toMatch(/DEMO-\d+/);
  });

  it('totals agree with the detail rows and with the completions counted from the events', async () => {
    const s = await sheet('lead');
    expect(s.check.consistent).toBe(true);
    expect(s.check.completionEvents).toBeGreaterThan(20);
    expect(sum(table(s, 'totals'), 'completed')).toBe(s.check.completionEvents);
    expect(sum(table(s, 'tasks'), 'completed')).toBe(s.check.completionEvents);
    expect(sum(table(s, 'totals'), 'escalations')).toBeGreaterThan(0); // the busy-day and IT-ticket stories escalate
    const volume = (s.charts.volume as Record<string, number | string>[]).reduce(
      (n, row) => n + Object.entries(row).reduce((m, [k, v]) => m + (k === 'day' ? 0 : Number(v)), 0),
      0,
    );
    expect(volume).toBe(s.check.completionEvents);
    expect(s.period.timeZone).toBe('America/Denver');
  });

  it('the CSV export of every table is exactly the table: same header, rows and numbers', async () => {
    const lead = await t.token('lead');
    for (const view of ['person', 'role']) {
      const s = await sheet('lead', `&view=${view}`);
      for (const tb of s.tables as Table[]) {
        const r = await t.call(
          'GET',
          `/api/tracking/sheet?${PERIOD}&view=${view}&format=csv&table=${tb.id}`,
          {
            as: lead,
          },
        );
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toContain('text/csv');
        expect(parseCsv(r.text)).toEqual([
          tb.columns.map((c) => c.label),
          ...tb.rows.map((row) => row.map(String)),
        ]);
      }
      expect(table(s, 'tasks').rows.length).toBeGreaterThan(3);
    }
  });

  it('staff see their own sheet only; leads and auditors see everyone and per role', async () => {
    const own = await sheet(SPECIALIST);
    const me = t.user(SPECIALIST);
    const totals = table(own, 'totals');
    expect(totals.rows.length).toBeGreaterThan(0);
    expect(new Set(totals.rows.map((r) => r[0]))).toEqual(new Set([me.displayName]));
    const staff = await t.token(SPECIALIST);
    const other = t.user('front-desk').id;
    expect((await t.call('GET', `/api/tracking/sheet?${PERIOD}&person=${other}`, { as: staff })).status).toBe(
      403,
    );
    expect((await t.call('GET', `/api/tracking/sheet?${PERIOD}&view=role`, { as: staff })).status).toBe(403);
    const everyone = await sheet('auditor');
    expect(new Set(table(everyone, 'totals').rows.map((r) => r[0])).size).toBeGreaterThan(1);
    const frontDesk = await sheet('lead', `&person=${other}`);
    expect(new Set(table(frontDesk, 'totals').rows.map((r) => r[0]))).toEqual(
      new Set([t.user('front-desk').displayName]),
    );
  });

  it('names each row by its step title and its outcome in words, as staff saw them', async () => {
    const body = await sheet('lead');
    const tb = table(body, 'tasks');
    expect(tb.title).toBe('Tasks completed by workflow, step and outcome');
    const definition = workflows.find((w) => w.id === ENROLLMENT)!.definition as {
      steps: Record<string, { title?: string; outcomes?: Record<string, unknown> }>;
    };
    const titles = new Map(Object.values(definition.steps).map((st) => [st.title, st]));
    expect(tb.rows.length).toBeGreaterThan(3);
    for (const row of tb.rows) {
      const step = titles.get(String(row[column(tb, 'step')]));
      expect(step, `step '${row[column(tb, 'step')]}'`).toBeDefined();
      const words = Object.keys(step!.outcomes ?? {}).map(idToWords);
      expect(words).toContain(row[column(tb, 'outcome')]);
    }
    // The ids themselves ("wants-portal") are in neither column.
    const shown = tb.rows.flatMap((r) => [r[column(tb, 'step')], r[column(tb, 'outcome')]]);
    expect(shown.filter((c) => /^[a-z]+(-[a-z]+)+$/.test(String(c)))).toEqual([]);
  });

  it('rejects a bad period with 400', async () => {
    const lead = await t.token('lead');
    for (const q of [
      'from=2026-04-01&to=2026-03-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2024-01-01&to=2026-01-01',
      'to=2026-01-01',
    ]) {
      const r = await t.call('GET', `/api/tracking/sheet?${q}`, { as: lead });
      expect(r.status, q).toBe(400);
    }
  });
});

describe('every table follows the role filter', () => {
  const ENROLLMENT_ROLES = (
    workflows.find((w) => w.id === ENROLLMENT)!.definition as { roles: { id: string }[] }
  ).roles.map((r) => r.id);
  const counts = ['approached', 'enrolled', 'codesIssued', 'activated', 'declined', 'escalatedToIt'];
  const csvOf = async (query: string, id: string) => {
    const r = await t.call('GET', `/api/tracking/sheet?${PERIOD}${query}&format=csv&table=${id}`, {
      as: await t.token('lead'),
    });
    expect(r.status, r.text).toBe(200);
    return parseCsv(r.text);
  };

  it('portal enrollment and its declines count only the work done in the chosen role, on screen and in the CSV', async () => {
    for (const view of ['person', 'role']) {
      // Medical assistants do no enrollment work: nobody's enrollment rows are theirs.
      const ma = await sheet('lead', `&view=${view}&role=medical-assistant`);
      for (const id of ['enrollment', 'declines']) {
        expect(table(ma, id).rows, `${view} ${id}`).toEqual([]);
        expect(await csvOf(`&view=${view}&role=medical-assistant`, id), `${view} ${id} CSV`).toEqual([
          table(ma, id).columns.map((c) => c.label),
        ]);
      }
    }
    // Each role's part of the enrollment work, added up, is the whole clinic's.
    const whole = await sheet('lead', '&view=role');
    const parts = await Promise.all(ENROLLMENT_ROLES.map((r) => sheet('lead', `&view=role&role=${r}`)));
    for (const key of counts)
      expect(
        parts.reduce((n, s) => n + sum(table(s, 'enrollment'), key), 0),
        key,
      ).toBe(sum(table(whole, 'enrollment'), key));
    expect(parts.reduce((n, s) => n + sum(table(s, 'declines'), 'declined'), 0)).toBe(
      sum(table(whole, 'declines'), 'declined'),
    );
    // The front desk declines only at the no-email workaround: fewer than the specialist's offers.
    const frontDesk = parts[ENROLLMENT_ROLES.indexOf('front-desk')]!;
    expect(sum(table(frontDesk, 'enrollment'), 'approached')).toBe(0);
    expect(sum(table(frontDesk, 'enrollment'), 'declined')).toBeLessThan(
      sum(table(whole, 'enrollment'), 'declined'),
    );
  });

  it('each CSV file is named by its table, its days and its filters, with no patient data', async () => {
    const lead = await t.token('lead');
    const nameOf = async (query: string) => {
      const r = await t.call('GET', `/api/tracking/sheet?${PERIOD}${query}&format=csv`, { as: lead });
      expect(r.status, r.text).toBe(200);
      return /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1];
    };
    expect(await nameOf('&table=tasks&role=medical-assistant')).toBe(
      'tracking-tasks-2026-03-01-to-2026-04-30-medical-assistant.csv',
    );
    expect(await nameOf('&table=totals&view=role')).toBe(
      'tracking-totals-2026-03-01-to-2026-04-30-per-role.csv',
    );
    const frontDesk = t.user('front-desk');
    const slug = frontDesk.displayName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    expect(await nameOf(`&table=declines&person=${frontDesk.id}&role=front-desk`)).toBe(
      `tracking-declines-2026-03-01-to-2026-04-30-front-desk-${slug}.csv`,
    );
  });

  it('a table that is a person’s, not a role’s, says in words how the role filter chose its rows', async () => {
    const filtered = await sheet('lead', '&role=front-desk');
    const manual = table(filtered, 'manual') as Table & { note?: string };
    expect(manual.note).toBe(
      'Work outside workflows belongs to a person, not a role: these are the entries of the people who hold the role Front desk receptionist.',
    );
    // Tables that count work done in a role say nothing: their rows are that role's.
    for (const tb of filtered.tables as (Table & { note?: string })[])
      if (tb.id !== 'manual' && tb.id !== 'requests') expect(tb.note, tb.id).toBeUndefined();
    expect((table(await sheet('lead'), 'manual') as Table & { note?: string }).note).toBeUndefined();
  });
});

describe('practice instances stay out of real data', () => {
  it('a practice run counts nowhere: sheet, CSV, queues, instance search, access log; its export says practice', async () => {
    const lead = await t.token('lead');
    const auditor = await t.token('auditor');
    const before = await sheet('lead');
    const beforeOwn = await sheet(SPECIALIST);
    const csvBefore = await t.call('GET', `/api/tracking/sheet?${PERIOD}&format=csv&table=tasks`, {
      as: lead,
    });

    // A practice run's deadlines never move its tasks, so it plays a story with none passing; its wait's
    // deadline still fires, which is how a practice run gets past a wait nobody will signal.
    const story = stories.find((s) => s.name === 'code-expires-in-spam-reissued-then-activated')!;
    const practiceId = await play(story.events, true);
    const inst = await t.call('GET', `/api/instances/${practiceId}`, { as: lead });
    expect(inst.body.instance.practice).toBe(true);
    expect(inst.body.instance.status).toBe('done');

    // Tracking numbers: identical tables and charts, the CSV byte for byte.
    const after = await sheet('lead');
    expect(after.tables).toEqual(before.tables);
    expect(after.charts).toEqual(before.charts);
    expect(after.check).toEqual(before.check);
    expect((await sheet(SPECIALIST)).tables).toEqual(beforeOwn.tables);
    const csvAfter = await t.call('GET', `/api/tracking/sheet?${PERIOD}&format=csv&table=tasks`, {
      as: lead,
    });
    expect(csvAfter.text).toBe(csvBefore.text);

    // Instance search and queues: only when asked for practice.
    const real = await t.call('GET', '/api/instances?limit=500', { as: auditor });
    expect(real.body.items.map((i: { id: string }) => i.id)).not.toContain(practiceId);
    const asked = await t.call('GET', '/api/instances?limit=500&practice=true', { as: auditor });
    expect(asked.body.items.map((i: { id: string }) => i.id)).toContain(practiceId);
    const closed = await t.call('GET', '/api/tasks?scope=all&status=closed&limit=500', { as: lead });
    expect(closed.body.items.length).toBeGreaterThan(0);
    expect(closed.body.items.some((x: Task) => x.instanceId === practiceId)).toBe(false);

    // The access-log report: reads of the practice instance only when asked for.
    const log = await t.call('GET', '/api/audit/access-log?limit=1000', { as: auditor });
    expect(log.status).toBe(200);
    expect(log.body.items.some((e: { instanceId: string | null }) => e.instanceId === practiceId)).toBe(
      false,
    );
    const practiceLog = await t.call('GET', '/api/audit/access-log?limit=1000&practice=true', {
      as: auditor,
    });
    expect(practiceLog.body.items.length).toBeGreaterThan(0);
    expect(
      practiceLog.body.items.every((e: { instanceId: string | null }) => e.instanceId === practiceId),
    ).toBe(true);

    // Its own export is marked as practice in name and content; real exports are not.
    const json = await t.call('GET', `/api/instances/${practiceId}/export?format=json`, { as: auditor });
    expect(json.headers.get('content-disposition')).toContain(`practice-instance-${practiceId}.json`);
    expect(json.body.instance.practice).toBe(true);
    const csv = await t.call('GET', `/api/instances/${practiceId}/export?format=csv`, { as: auditor });
    const lines = csv.text.trim().split('\n');
    expect(lines).toContain('Practice,"A practice run, not real work"');
    // After what the request is and a blank line: the table, every row marked.
    const table = lines.slice(lines.indexOf('') + 1);
    expect(table[0]!.endsWith(',practice')).toBe(true);
    expect(table.slice(1).every((l) => l.endsWith(',practice'))).toBe(true);
    const realId = real.body.items[0].id as string;
    const realJson = await t.call('GET', `/api/instances/${realId}/export?format=json`, { as: auditor });
    expect(realJson.body.instance.practice).toBeUndefined();
  });
});

describe('practice work notifies nobody', () => {
  it('handing a practice task to someone sends no notification; the same on a real task does', async () => {
    const lead = await t.token('lead');
    const specialist = t.user(SPECIALIST);
    const notes = async () =>
      (await t.store.listNotifications({ userId: specialist.id, limit: 500 })).filter(
        (n) => n.kind === 'assigned',
      ).length;
    for (const practice of [true, false]) {
      const before = await notes();
      const started = await t.call('POST', '/api/instances', {
        as: lead,
        body: { definitionId: ENROLLMENT, data: exampleStart(ENROLLMENT), practice },
      });
      expect(started.status, started.text).toBe(201);
      const taskId = started.body.instance.active[0].taskId as string;
      const moved = await t.call('POST', `/api/tasks/${taskId}/reassign`, {
        as: lead,
        body: { assignee: specialist.id, reason: 'covering the desk' },
      });
      expect(moved.status, moved.text).toBe(200);
      expect(await notes(), practice ? 'practice' : 'real').toBe(before + (practice ? 0 : 1));
    }
  });
});

describe('manual tracking entries', () => {
  it('the person records, a lead corrects, the person deletes: the trail has old → new, who and when, and verifies', async () => {
    const me = await t.token(SPECIALIST);
    const lead = await t.token('lead');
    t.clock.set('2026-03-10T17:00:00.000Z');
    const created = await t.call('POST', '/api/tracking/entries', {
      as: me,
      body: {
        kind: 'training',
        day: '2026-03-10',
        fields: { topic: 'Proxy forms', format: 'short-session', attendees: 6 },
      },
      headers: { 'idempotency-key': 'training-1' },
    });
    expect(created.status, created.text).toBe(201);
    const again = await t.call('POST', '/api/tracking/entries', {
      as: me,
      body: {
        kind: 'training',
        day: '2026-03-10',
        fields: { topic: 'Proxy forms', format: 'short-session', attendees: 6 },
      },
      headers: { 'idempotency-key': 'training-1' },
    });
    expect(again.body.entry.id).toBe(created.body.entry.id);
    const id = created.body.entry.id as string;
    const shift = await t.call('POST', '/api/tracking/entries', {
      as: me,
      body: {
        kind: 'shift',
        day: '2026-03-10',
        fields: { shift: 'full-day', site: 'Main clinic', hours: 7.5 },
      },
    });
    expect(shift.status).toBe(201);

    let manual = table(await sheet(SPECIALIST), 'manual');
    expect(manual.rows).toHaveLength(1);
    expect(manual.rows[0]![column(manual, 'trainings')]).toBe(1);
    expect(manual.rows[0]![column(manual, 'attendees')]).toBe(6);
    expect(manual.rows[0]![column(manual, 'hours')]).toBe(7.5);

    t.clock.set('2026-03-11T15:00:00.000Z');
    const edited = await t.call('PATCH', `/api/tracking/entries/${id}`, {
      as: lead,
      body: { revision: 1, fields: { topic: 'Proxy forms', format: 'short-session', attendees: 8 } },
    });
    expect(edited.status, edited.text).toBe(200);
    const stale = await t.call('PATCH', `/api/tracking/entries/${id}`, {
      as: me,
      body: { revision: 1, day: '2026-03-09' },
    });
    expect(stale.status).toBe(409);
    // Someone else's entry: staff and auditors may not touch it.
    const other = await t.token('front-desk');
    expect(
      (
        await t.call('PATCH', `/api/tracking/entries/${id}`, {
          as: other,
          body: { revision: 2, day: '2026-03-09' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.call('DELETE', `/api/tracking/entries/${id}?revision=2`, { as: await t.token('auditor') }))
        .status,
    ).toBe(403);
    expect((await t.call('GET', `/api/tracking/entries/${id}/changes`, { as: other })).status).toBe(403);

    manual = table(await sheet(SPECIALIST), 'manual');
    expect(manual.rows[0]![column(manual, 'attendees')]).toBe(8);

    t.clock.set('2026-03-12T15:00:00.000Z');
    expect((await t.call('DELETE', `/api/tracking/entries/${id}?revision=2`, { as: me })).status).toBe(200);
    manual = table(await sheet(SPECIALIST), 'manual');
    expect(manual.rows[0]![column(manual, 'trainings')]).toBe(0);

    const trail = await t.call('GET', `/api/tracking/entries/${id}/changes`, {
      as: await t.token('auditor'),
    });
    expect(trail.status).toBe(200);
    expect(trail.body.verify).toMatchObject({ ok: true, count: 3 });
    const steps = trail.body.changes as { action: string; actor: string; at: string; changes: unknown[] }[];
    expect(steps.map((s) => [s.action, s.actor, s.at])).toEqual([
      ['create', t.user(SPECIALIST).id, '2026-03-10T17:00:00.000Z'],
      ['update', t.user('lead').id, '2026-03-11T15:00:00.000Z'],
      ['delete', t.user(SPECIALIST).id, '2026-03-12T15:00:00.000Z'],
    ]);
    expect(steps[1]!.changes).toEqual([{ field: 'fields.attendees', from: 6, to: 8 }]);
  });

  it('validates each kind of entry and who it is for', async () => {
    const me = await t.token(SPECIALIST);
    const bad = [
      { kind: 'shift', day: '2026-03-10', fields: { shift: 'morning', site: 'Main', hours: 30 } },
      { kind: 'support', day: '2026-03-10', fields: { contactType: 'lockout', count: 1, escalatedToIt: 2 } },
      { kind: 'faq', day: '10/03/2026', fields: { itemType: 'faq', title: 'Reset' } },
      { kind: 'payroll', day: '2026-03-10', fields: {} },
    ];
    for (const body of bad) {
      const r = await t.call('POST', '/api/tracking/entries', { as: me, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    // Each refusal names its field, for the form to say it under that field.
    const more = await t.call('POST', '/api/tracking/entries', { as: me, body: bad[1] });
    expect(more.body.error.fields).toEqual([
      {
        path: 'fields.escalatedToIt',
        field: 'Escalated to IT',
        message: 'Escalated to IT: cannot be more than the contacts',
      },
    ]);
    const hours = await t.call('POST', '/api/tracking/entries', { as: me, body: bad[0] });
    expect(hours.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['fields.hours']);
    const forOther = await t.call('POST', '/api/tracking/entries', {
      as: me,
      body: {
        kind: 'faq',
        day: '2026-03-10',
        fields: { itemType: 'video', title: 'Activate with your code' },
        userId: t.user('front-desk').id,
      },
    });
    expect(forOther.status).toBe(403);
    const byLead = await t.call('POST', '/api/tracking/entries', {
      as: await t.token('lead'),
      body: {
        kind: 'project',
        day: '2026-03-10',
        fields: { task: 'Kiosk survey', status: 'blocked', blocker: 'Tablet stand on order' },
        userId: t.user('front-desk').id,
      },
    });
    expect(byLead.status, byLead.text).toBe(201);
    expect(byLead.body.entry.userId).toBe(t.user('front-desk').id);
  });
});
