// "Email a password reset link" from an account's screen: an admin helping a person who forgot their
// password sends the same link "Forgot your password" sends, without learning the password or the code.
// A real libSQL file, the app on a real listener, and a real SMTP server on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxConfig } from '../src/config.ts';
import { makeApp, type TestApp } from './support/app.ts';
import { type MailSink, startMailSink } from './support/mail-sink.ts';

const NEW_PASSWORD = 'a long new password 42';
const HOUR = 3600_000;

let t: TestApp;
let sink: MailSink;

beforeAll(async () => {
  sink = await startMailSink();
  t = await makeApp({
    config: { outbox: { ...outboxConfig({}), smtpUrl: sink.url, baseUrl: 'https://portal.example' } },
  });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

function linkIn(text: string): { username: string; code: string } {
  const url = /https:\/\/portal\.example\/set-password#\S+/.exec(text)?.[0];
  if (!url) throw new Error(`no set-password link in: ${text}`);
  const params = new URLSearchParams(url.split('#')[1]);
  return { username: params.get('username')!, code: params.get('code')! };
}

describe('an admin emails a person a password reset link', { timeout: 60_000 }, () => {
  it('sends the one-hour link to the work address, the trail names the admin, and using it ends the other sessions and tokens', async () => {
    const admin = await t.login('admin');
    const person = t.user('billing-specialist');
    expect(
      (
        await t.call('PATCH', `/api/users/${person.id}`, {
          as: admin,
          body: { email: 'bill@clinic.example' },
        })
      ).status,
    ).toBe(200);
    const theirSession = await t.login('billing-specialist');
    const theirToken = await t.token('billing-specialist');
    const before = sink.mails.length;

    const sent = await t.call('POST', `/api/users/${person.id}/password-reset-email`, { as: admin });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.passwordReset).toMatchObject({
      to: 'bill@clinic.example',
      error: null,
      at: t.clock.now(),
    });
    expect(Date.parse(sent.body.passwordReset.expiresAt)).toBe(Date.parse(t.clock.now()) + HOUR);
    // The admin never sees the code.
    expect(sent.text).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);

    const mail = (await sink.waitFor(before + 1))[before]!;
    expect(mail.to).toEqual(['bill@clinic.example']);
    const { username, code } = linkIn(mail.parsed.text ?? '');
    expect(username).toBe('billing-specialist');

    const trail = await t.store.listAccountChanges({ userId: person.id });
    const entry = trail.find((c) => c.what === 'password-reset-email');
    expect(entry?.actorId).toBe(t.user('admin').id);
    expect(JSON.stringify(trail)).not.toContain(code);

    const set = await t.call('POST', '/api/auth/set-password', {
      as: {},
      body: { username, code, password: NEW_PASSWORD },
    });
    expect(set.status, set.text).toBe(200);
    expect((await t.call('GET', '/api/me', { as: theirSession })).status).toBe(401);
    expect((await t.call('GET', '/api/me', { as: theirToken })).status).toBe(401);
  });

  it('the link works for one hour only', async () => {
    const admin = await t.login('admin');
    const person = t.user('provider');
    await t.call('PATCH', `/api/users/${person.id}`, { as: admin, body: { email: 'prov@clinic.example' } });
    const before = sink.mails.length;
    expect((await t.call('POST', `/api/users/${person.id}/password-reset-email`, { as: admin })).status).toBe(
      200,
    );
    const { username, code } = linkIn((await sink.waitFor(before + 1))[before]!.parsed.text ?? '');
    t.clock.advance(HOUR + 1000);
    const late = await t.call('POST', '/api/auth/set-password', {
      as: {},
      body: { username, code, password: NEW_PASSWORD },
    });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('CODE_FAILED');
  });

  it('refused, with a code and words, for an account with no work email or a disabled one', async () => {
    const admin = await t.login('admin');
    const noAddress = await t.call('POST', `/api/users/${t.user('triage-nurse').id}/password-reset-email`, {
      as: admin,
    });
    expect(noAddress.status).toBe(409);
    expect(noAddress.body.error.code).toBe('NO_EMAIL_ADDRESS');
    expect(noAddress.body.error.message).toMatch(/work email address/);

    const person = await t.addUser('off-duty', ['front-desk']);
    await t.call('PATCH', `/api/users/${person.id}`, {
      as: admin,
      body: { email: 'off@clinic.example', disabled: true },
    });
    const disabled = await t.call('POST', `/api/users/${person.id}/password-reset-email`, { as: admin });
    expect(disabled.status).toBe(409);
    expect(disabled.body.error.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('without a mail server', { timeout: 60_000 }, () => {
  it('is refused with EMAIL_NOT_CONFIGURED and words', async () => {
    const off = await makeApp();
    try {
      const admin = await off.login('admin');
      const answer = await off.call('POST', `/api/users/${off.user('provider').id}/password-reset-email`, {
        as: admin,
      });
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('EMAIL_NOT_CONFIGURED');
      expect(answer.body.error.message.length).toBeGreaterThan(10);
    } finally {
      await off.close();
    }
  });
});
