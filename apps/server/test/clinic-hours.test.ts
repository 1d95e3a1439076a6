import { parseDefinition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOURS_CHANGED } from '../src/clinic/hours.ts';
import { startServer } from '../src/server.ts';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { publish } from './support/prepare.ts';

/**
 * Admins keep the clinic's opening hours and closures in the app. Requests started after a save count
 * their business-hours deadlines in the new hours; requests already open keep the ones they started
 * with. Two admins saving from the same revision: one wins, the other gets a 409.
 */

const CALLBACK = parseDefinition({
  id: 'callback',
  title: 'Call the patient back',
  roles: [{ id: 'front-desk', name: 'Front desk' }],
  start: 'call',
  intake: { roles: ['front-desk'], form: [] },
  steps: {
    call: {
      type: 'task',
      role: 'front-desk',
      title: 'Call the patient back',
      help: 'Call within two business hours.',
      deadline: { after: 'PT2H', calendar: 'business' },
      outcomes: { called: 'done' },
    },
    done: { type: 'end' },
  },
});

const weekdays = (from: string, to: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [[from, to]]]));

let t: TestApp;
let admin: AuthHeaders;
let desk: AuthHeaders;

beforeAll(async () => {
  // 15:00 UTC on Thursday 7 January 2027: 08:00 at the Denver clinic, as it opens.
  t = await makeApp({ start: '2027-01-07T15:00:00.000Z' });
  await publish(t.store, CALLBACK);
  admin = await t.login('admin');
  desk = await t.login('front-desk');
});
afterAll(async () => {
  await t?.close();
});

const dueOfNewRequest = async (): Promise<string> => {
  const res = await t.call('POST', '/api/instances', {
    as: desk,
    body: { definitionId: CALLBACK.id, data: {} },
  });
  expect(res.status).toBe(201);
  return res.body.instance.active[0].due;
};

describe('clinic hours', () => {
  it('only leads and admins change them; auditors read them', async () => {
    expect((await t.call('GET', '/api/clinic/hours', { as: await t.token('auditor') })).status).toBe(200);
    for (const who of ['auditor', 'front-desk']) {
      const as = await t.token(who);
      if (who !== 'auditor') expect((await t.call('GET', '/api/clinic/hours', { as })).status, who).toBe(403);
      const put = await t.call('PUT', '/api/clinic/hours', {
        as,
        body: { hours: weekdays('08:00', '17:00'), closures: [], expectedRevision: 0 },
      });
      expect(put.status, who).toBe(403);
    }
  });

  it('shows the configured hours until an admin saves, then counts new deadlines in the saved ones', async () => {
    const before = await t.call('GET', '/api/clinic/hours', { as: admin });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      timeZone: 'America/Denver',
      revision: 0,
      updatedBy: null,
      changes: [],
    });
    expect(before.body.hours.thu).toEqual([['08:00', '17:00']]);

    const opened = await dueOfNewRequest();
    expect(opened).toBe('2027-01-07T17:00:00.000Z'); // 10:00 Thursday in Denver

    const saved = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: weekdays('08:00', '17:00'),
        closures: [...before.body.closures, { date: '2027-01-07', name: 'Snow day' }],
        expectedRevision: 0,
        reason: 'Roads closed',
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toBe(1);
    expect(saved.body.updatedBy).toMatchObject({ username: 'admin' });
    expect(saved.body.changes).toHaveLength(1);
    expect(saved.body.changes[0]).toMatchObject({
      revision: 1,
      reason: 'Roads closed',
      by: { username: 'admin' },
    });
    // Described against the hours the server was set up with (the example clinic's).
    // Dates as every screen writes them, month first (the year only when not this one).
    expect(saved.body.changes[0].summary).toEqual(['Closed Thu, Jan 7 (Snow day)']);

    // Closed today: two business hours from now end at 10:00 on Friday.
    expect(await dueOfNewRequest()).toBe('2027-01-08T17:00:00.000Z');
    const config = await t.call('GET', '/api/config', { as: desk });
    expect(config.body.calendar.holidays).toContain('2027-01-07');
    // Staff see the closed days of the coming week by name (today's included).
    expect(config.body.closures).toContainEqual({ date: '2027-01-07', name: 'Snow day' });
  });

  it('describes each save in words, on the clinic’s 12-hour clock: hours moved, days closed and opened again', async () => {
    const current = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    const hours = { ...current.hours, fri: [['08:00', '12:00']] };
    const closures = current.closures
      .filter((c: { date: string }) => c.date !== '2027-01-07')
      .concat([{ date: '2027-02-12', name: 'Staff training' }]);
    const res = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: { hours, closures, expectedRevision: current.revision },
    });
    expect(res.status).toBe(200);
    expect(res.body.changes[0].summary).toEqual([
      'Friday: 8:00 AM–5:00 PM → 8:00 AM–12:00 PM',
      'Closed Fri, Feb 12 (Staff training)',
      'Open again Thu, Jan 7 (Snow day)',
    ]);
    expect(res.body.changes[0].reason).toBeNull();
  });

  it('of two admins saving from the same revision, one wins and the other gets a 409; nothing is lost', async () => {
    await t.addUser('admin2', ['admin']);
    const other = await t.login('admin2');
    const current = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    const body = (close: string) => ({
      hours: weekdays('08:00', close),
      closures: current.closures,
      expectedRevision: current.revision,
    });
    const [a, b] = await Promise.all([
      t.call('PUT', '/api/clinic/hours', { as: admin, body: body('16:00') }),
      t.call('PUT', '/api/clinic/hours', { as: other, body: body('18:00') }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('CONFLICT');
    const after = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    expect(after.revision).toBe(current.revision + 1);
    const winnerClose = a.status === 200 ? '16:00' : '18:00';
    expect(after.hours.mon).toEqual([['08:00', winnerClose]]);
  });

  it('refuses hours that overlap, are never open, or close a date twice, and keeps the saved ones', async () => {
    const current = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    const bad = [
      {
        hours: {
          mon: [
            ['08:00', '12:00'],
            ['11:00', '17:00'],
          ],
        },
        closures: [],
      },
      { hours: {}, closures: [] },
      { hours: { mon: [['17:00', '08:00']] }, closures: [] },
      { hours: weekdays('08:00', '17:00'), closures: [{ date: '2027-03-01' }, { date: '2027-03-01' }] },
      { hours: weekdays('08:00', '17:00'), closures: [{ date: '2027-02-30' }] },
    ];
    for (const body of bad) {
      const res = await t.call('PUT', '/api/clinic/hours', {
        as: admin,
        body: { ...body, expectedRevision: current.revision },
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toBeTruthy();
    }
    expect((await t.call('GET', '/api/clinic/hours', { as: admin })).body).toEqual(current);
  });

  it('picks up a save made by another process from the change feed', async () => {
    const current = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    // Another process on the same file saves: only the store and the feed know.
    const saved = await t.store.saveClinicCalendar({
      value: { hours: weekdays('07:00', '19:00'), closures: current.closures },
      expectedRevision: current.revision,
      actorId: t.user('admin').id,
      at: t.clock.now(),
      feedMessage: HOURS_CHANGED,
    });
    expect(saved.ok).toBe(true);
    const monday = () => (t.deps.calendar as { hours: { mon: unknown } }).hours.mon;
    await t.feed.poll();
    expect(monday()).toEqual([['07:00', '19:00']]);
  });

  it('a server process started on the file runs on the saved hours', async () => {
    const running = await startServer({ port: 0, databaseUrl: t.dbUrl, quiet: true });
    try {
      const calendar = running.deps.calendar as { hours: { mon: unknown }; holidays: string[] };
      expect(calendar.hours.mon).toEqual([['07:00', '19:00']]);
      expect(calendar.holidays).toContain('2027-02-12');
    } finally {
      await running.close();
    }
  }, 60_000);
});

describe('moving the requests open now', () => {
  let m: TestApp;
  let admin: AuthHeaders;
  let desk: AuthHeaders;
  beforeAll(async () => {
    m = await makeApp({ start: '2027-01-07T15:00:00.000Z' });
    await publish(m.store, CALLBACK);
    // Tokens, not sessions: the clock moves hours ahead, past a session's idle timeout.
    admin = await m.token('admin');
    desk = await m.token('front-desk');
  });
  afterAll(() => m?.close());

  it('moves each open business-hours deadline, records it in the request history, and fires on the new time', async () => {
    const started = await m.call('POST', '/api/instances', {
      as: desk,
      body: { definitionId: CALLBACK.id, data: {} },
    });
    const id = started.body.instance.id;
    expect(started.body.instance.active[0].due).toBe('2027-01-07T17:00:00.000Z');
    const current = (await m.call('GET', '/api/clinic/hours', { as: admin })).body;
    const res = await m.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: current.hours,
        closures: [...current.closures, { date: '2027-01-07', name: 'Snow day' }],
        expectedRevision: current.revision,
        moveOpenRequests: true,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual({ requests: 1, deadlines: 1, failed: 0 });

    const instance = await m.call('GET', `/api/instances/${id}`, { as: desk });
    expect(instance.body.instance.active[0].due).toBe('2027-01-08T17:00:00.000Z');
    const history = await m.call('GET', `/api/instances/${id}/history`, { as: desk });
    const entry = history.body.timeline.find((e: { type: string }) => e.type === 'calendar-changed');
    expect(entry.summary).toBe('clinic hours changed');
    expect(entry.changes).toContainEqual(
      expect.objectContaining({
        field: 'due',
        from: '2027-01-07T17:00:00.000Z',
        to: '2027-01-08T17:00:00.000Z',
      }),
    );
    // The old due time passes and nothing fires; the new one fires.
    expect(await m.advanceTo('2027-01-07T18:00:00.000Z')).toBe(0);
    expect(await m.advanceTo('2027-01-08T17:00:00.000Z')).toBe(1);
    // Saving the same hours again leaves the request alone.
    const again = await m.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: current.hours,
        closures: [...current.closures, { date: '2027-01-07', name: 'Snow day' }],
        expectedRevision: res.body.revision,
        moveOpenRequests: true,
      },
    });
    expect(again.body.moved).toEqual({ requests: 0, deadlines: 0, failed: 0 });
  });

  it('without the choice, open requests keep their hours', async () => {
    const started = await m.call('POST', '/api/instances', {
      as: desk,
      body: { definitionId: CALLBACK.id, data: {} },
    });
    const due = started.body.instance.active[0].due;
    const current = (await m.call('GET', '/api/clinic/hours', { as: admin })).body;
    const res = await m.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: { hours: current.hours, closures: [], expectedRevision: current.revision },
    });
    expect(res.body.moved).toBeNull();
    const after = await m.call('GET', `/api/instances/${started.body.instance.id}`, { as: desk });
    expect(after.body.instance.active[0].due).toBe(due);
  });
});

describe('clinic hours on the public help page', () => {
  let p: TestApp;
  beforeAll(async () => {
    // Monday 14 December 2026 at the Denver clinic.
    p = await makeApp({ publish: false, start: '2026-12-14T16:00:00.000Z' });
    const writer = await p.session('portal-enrollment-specialist');
    await p.call('PUT', '/api/help/clinics/riverside', { as: writer, body: { name: 'Riverside' } });
  });
  afterAll(() => p?.close());

  it('shows patients the week and the closed days of the next 60 days, soonest first, with their names', async () => {
    const admin = await p.token('admin');
    const current = (await p.call('GET', '/api/clinic/hours', { as: admin })).body;
    const saved = await p.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: { ...current.hours, sat: [['09:00', '12:00']] },
        closures: [
          // Gone already, and on the list before (Thanksgiving): a new past closure is refused.
          { date: '2026-11-26', name: 'Past' },
          { date: '2027-03-01', name: 'Too far ahead' },
          { date: '2026-12-25', name: 'Christmas Day' },
          { date: '2026-12-24', name: 'Christmas Eve' },
        ],
        expectedRevision: current.revision,
      },
    });
    expect(saved.status).toBe(200);
    const res = await p.call('GET', '/api/public/help/riverside');
    expect(res.status).toBe(200);
    expect(res.body.hours.timeZone).toBe('America/Denver');
    expect(res.body.hours.week.find((d: { day: string }) => d.day === 'sat').open).toEqual([
      ['09:00', '12:00'],
    ]);
    expect(res.body.hours.closures).toEqual([
      { date: '2026-12-24', name: 'Christmas Eve' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
    expect(res.text).not.toContain('admin');
  });
});

describe('applying the current hours to the requests open now, later', () => {
  let m: TestApp;
  let admin: AuthHeaders;
  let other: AuthHeaders;
  let desk: AuthHeaders;
  beforeAll(async () => {
    m = await makeApp({ start: '2027-01-07T15:00:00.000Z' });
    await publish(m.store, CALLBACK);
    await m.addUser('admin2', ['admin']);
    admin = await m.token('admin');
    other = await m.token('admin2');
    desk = await m.token('front-desk');
  });
  afterAll(() => m?.close());

  const PATH = '/api/clinic/hours/open-requests';

  it('moves the open deadlines a save without the choice left behind, once, however many admins press it at once', async () => {
    const started = await m.call('POST', '/api/instances', {
      as: desk,
      body: { definitionId: CALLBACK.id, data: {} },
    });
    const id = started.body.instance.id;
    expect(started.body.instance.active[0].due).toBe('2027-01-07T17:00:00.000Z');
    const current = (await m.call('GET', '/api/clinic/hours', { as: admin })).body;
    const saved = await m.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: current.hours,
        closures: [...current.closures, { date: '2027-01-07', name: 'Snow day' }],
        expectedRevision: current.revision,
      },
    });
    expect(saved.body.moved).toBeNull();
    // Saving the same hours again does nothing for the open request: this is what the admin has instead.
    const preview = await m.call('GET', PATH, { as: admin });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ revision: saved.body.revision, requests: 1, deadlines: 1 });

    const burst = await Promise.all(
      [admin, other, admin, other, admin, other].map((as) =>
        m.call('POST', PATH, { as, body: { expectedRevision: saved.body.revision } }),
      ),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    const won = burst.find((r) => r.status === 200)!;
    expect(won.body.moved).toEqual({ requests: 1, deadlines: 1, failed: 0 });
    for (const lost of burst.filter((r) => r.status === 409))
      expect(lost.body.error.code).toBe('CLINIC_HOURS_CHANGED');

    const instance = await m.call('GET', `/api/instances/${id}`, { as: desk });
    expect(instance.body.instance.active[0].due).toBe('2027-01-08T17:00:00.000Z');
    const history = await m.call('GET', `/api/instances/${id}/history`, { as: desk });
    const moves = history.body.timeline.filter((e: { type: string }) => e.type === 'calendar-changed');
    expect(moves).toHaveLength(1);

    // The hours' trail says who applied them, when; the hours themselves are unchanged.
    expect(won.body.revision).toBe(saved.body.revision + 1);
    expect(won.body.hours).toEqual(saved.body.hours);
    expect(won.body.closures).toEqual(saved.body.closures);
    expect(won.body.changes[0]).toMatchObject({
      revision: saved.body.revision + 1,
      summary: ['Applied to the requests open then'],
    });
    expect(won.body.changes[0].by.username).toMatch(/^admin2?$/);

    // Nothing is left to move.
    expect((await m.call('GET', PATH, { as: admin })).body).toMatchObject({ requests: 0, deadlines: 0 });
    const again = await m.call('POST', PATH, { as: admin, body: { expectedRevision: won.body.revision } });
    expect(again.status).toBe(200);
    expect(again.body.moved).toEqual({ requests: 0, deadlines: 0, failed: 0 });
  });

  it('is for whoever keeps the hours: leads and admins, not auditors or staff', async () => {
    await m.addUser('lead1', ['designer']);
    const revision = (await m.call('GET', '/api/clinic/hours', { as: admin })).body.revision;
    const lead = await m.token('lead1');
    expect((await m.call('GET', PATH, { as: lead })).status).toBe(200);
    const applied = await m.call('POST', PATH, { as: lead, body: { expectedRevision: revision } });
    expect(applied.status).toBe(200);
    const now = (await m.call('GET', '/api/clinic/hours', { as: admin })).body.revision;
    for (const who of ['auditor', 'front-desk']) {
      const as = await m.token(who);
      expect((await m.call('GET', PATH, { as })).status, who).toBe(403);
      expect((await m.call('POST', PATH, { as, body: { expectedRevision: now } })).status, who).toBe(403);
    }
  });
});
