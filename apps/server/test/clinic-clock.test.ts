import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOURS_CHANGED } from '../src/clinic/hours.ts';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';

/**
 * The clinic writes every time on one clock, 12-hour ("2:30 PM") unless an admin chooses the 24-hour
 * one ("14:30"). The choice is kept with the clinic hours: saved with them, in their trail, and sent to
 * every browser in the clinic configuration.
 */

let t: TestApp;
let admin: AuthHeaders;
let desk: AuthHeaders;

beforeAll(async () => {
  t = await makeApp({ publish: false, start: '2027-01-07T15:00:00.000Z' });
  admin = await t.login('admin');
  desk = await t.login('front-desk');
});
afterAll(async () => {
  await t?.close();
});

const hoursNow = async () => (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
const configClock = async () => (await t.call('GET', '/api/config', { as: desk })).body.clock;

describe('the clinic clock', () => {
  it('is the 12-hour clock of a US clinic until an admin chooses otherwise', async () => {
    expect(await configClock()).toBe('12-hour');
    expect((await hoursNow()).clock).toBe('12-hour');
  });

  it('is saved with the hours, told to every browser and written in the trail', async () => {
    const current = await hoursNow();
    const res = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: current.hours,
        closures: current.closures,
        clock: '24-hour',
        expectedRevision: current.revision,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.clock).toBe('24-hour');
    expect(res.body.changes[0].summary).toEqual(['Clock: 12-hour (2:30 PM) → 24-hour (14:30)']);
    expect(await configClock()).toBe('24-hour');
    // The hours themselves did not move.
    expect(res.body.hours).toEqual(current.hours);
  });

  it('stays as it is when a save leaves it out (hours saved by a page that does not know it)', async () => {
    const current = await hoursNow();
    const res = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: { ...current.hours, fri: [['08:00', '12:00']] },
        closures: current.closures,
        expectedRevision: current.revision,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.clock).toBe('24-hour');
    expect(res.body.changes[0].summary).toEqual(['Friday: 08:00–17:00 → 08:00–12:00']);
    expect(await configClock()).toBe('24-hour');
  });

  it('refuses a clock that is neither, and keeps the saved one', async () => {
    const current = await hoursNow();
    const res = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: current.hours,
        closures: current.closures,
        clock: '14:30',
        expectedRevision: current.revision,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBeTruthy();
    expect(await hoursNow()).toEqual(current);
  });

  it('reads hours saved before the clock was kept as the 12-hour clock, also in another process', async () => {
    const current = await hoursNow();
    // Another process on the same file saves hours without a clock (as saves before it was kept did).
    const saved = await t.store.saveClinicCalendar({
      value: { hours: current.hours, closures: current.closures },
      expectedRevision: current.revision,
      actorId: t.user('admin').id,
      at: t.clock.now(),
      feedMessage: HOURS_CHANGED,
    });
    expect(saved.ok).toBe(true);
    await t.feed.poll();
    expect(await configClock()).toBe('12-hour');
    const after = await hoursNow();
    expect(after.clock).toBe('12-hour');
    expect(after.changes[0].summary).toEqual(['Clock: 24-hour (14:30) → 12-hour (2:30 PM)']);
  });
});
