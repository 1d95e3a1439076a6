import { expect } from 'vitest';
import type { TestApp } from './app.ts';

/** Each test person's email address. */
export const addressOf = (username: string) => `${username}@clinic.example`;

/**
 * Who a backup alarm may reach, as both alarm tests set it up: `admin` with email on, `night-admin`
 * with every kind of email turned off (the alarm still reaches them), `former-admin` disabled, staff
 * and the lead with addresses, and `no-address-admin` without one. Then a request carrying `patient`'s
 * reference and words, none of which may reach an email.
 */
export async function prepareAlarmRecipients(t: TestApp, patient: Record<string, string>): Promise<void> {
  const prefs = (username: string, turnedOff = false) =>
    t.store.saveEmailPreferences(
      {
        userId: t.user(username).id,
        address: addressOf(username),
        assigned: !turnedOff,
        escalated: !turnedOff,
        overdue: !turnedOff,
        cancelled: !turnedOff,
        digest: !turnedOff,
        quietStart: null,
        quietEnd: null,
      },
      t.clock.now(),
    );
  await prefs('admin');
  await prefs('night-admin', true);
  await prefs('former-admin');
  await t.store.disableUser(t.user('former-admin').id);
  await prefs('front-desk');
  await prefs('lead');

  const started = await t.call('POST', '/api/requests', {
    as: await t.login('front-desk'),
    body: { definitionId: 'billing-question', data: { ...patient, channel: 'phone' } },
  });
  expect(started.status).toBe(201);
}
