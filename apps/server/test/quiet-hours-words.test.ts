// Quiet hours from 22:00 until 22:00 say nothing clear (always quiet, or never?): refused in words at
// the field, and what was saved stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t?.close();
});

const prefs = (quietStart: string | null, quietEnd: string | null) => ({
  address: null,
  assigned: true,
  escalated: true,
  overdue: true,
  digest: false,
  quietStart,
  quietEnd,
});

describe('quiet hours', { timeout: 60_000 }, () => {
  it('the same start and end are refused at the end field; a span over midnight is kept', async () => {
    const me = await t.login('provider');
    const night = await t.call('PUT', '/api/email-preferences', { as: me, body: prefs('22:00', '07:00') });
    expect(night.status, night.text).toBe(200);
    const same = await t.call('PUT', '/api/email-preferences', { as: me, body: prefs('22:00', '22:00') });
    expect(same.status, same.text).toBe(400);
    expect(same.body.error.code).toBe('VALIDATION_FAILED');
    expect(same.body.error.details.issues[0].path).toBe('quietEnd');
    expect(same.body.error.message).toMatch(/^Quiet end: .*end after they start/);
    const kept = await t.call('GET', '/api/email-preferences', { as: me });
    expect([kept.body.preferences.quietStart, kept.body.preferences.quietEnd]).toEqual(['22:00', '07:00']);
  });
});
