// A closed day added for a date already gone changes nothing and is most often a slip of the year
// (2025 typed for 2026): refused in words at the date; past closures already on the list still save.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t?.close();
});

describe('a closed day in the past', { timeout: 60_000 }, () => {
  it('is refused when added, with the date in words; what was saved stays', async () => {
    const admin = await t.login('admin');
    const loaded = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    const today = t.clock.now().slice(0, 10);
    const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const refused = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: loaded.hours,
        closures: [...loaded.closures, { date: lastYear, name: 'Staff training' }],
        expectedRevision: loaded.revision,
      },
    });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.message).toMatch(/Staff training.*is in the past/);
    const after = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    expect(after.revision).toBe(loaded.revision);
  });

  it('a past closure already saved does not stop a save, and a future one is added', async () => {
    const admin = await t.login('admin');
    const today = t.clock.now().slice(0, 10);
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    // The holidays the server was set up with include some already gone this year.
    const loaded = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    const past = loaded.closures.filter((c: { date: string }) => c.date < today);
    expect(past.length).toBeGreaterThan(0);
    const saved = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: loaded.hours,
        closures: [...loaded.closures, { date: nextYear, name: 'Staff training' }],
        expectedRevision: loaded.revision,
      },
    });
    expect(saved.status, saved.text).toBe(200);
    const dates = saved.body.closures.map((c: { date: string }) => c.date);
    expect(dates).toContain(nextYear);
    expect(dates).toEqual(expect.arrayContaining(past.map((c: { date: string }) => c.date)));
  });
});
