// Accounts with a work email address, and invitations emailed to it: a real libSQL file, the app on a
// real listener, and a real SMTP server on loopback that parses every message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';
import { type MailSink, startMailSink } from './support/mail-sink.ts';

const NEW_PASSWORD = 'a long new password 42';

let t: TestApp;
let sink: MailSink;
let http: Listener;

beforeAll(async () => {
  sink = await startMailSink();
  t = await makeApp({
    config: {
      outbox: {
        ...(await import('../src/config.ts')).outboxConfig({}),
        smtpUrl: sink.url,
        baseUrl: 'https://portal.example',
      },
    },
  });
  http = await listen(t.app);
});
afterAll(async () => {
  await http?.close();
  await t?.close();
  await sink?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: answers of every shape, read as JSON
type Json = any;

async function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${http.base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The username and code of the set-password link in an email. */
function linkIn(text: string): { username: string; code: string; url: string } {
  const url = /https:\/\/portal\.example\/set-password#\S+/.exec(text)?.[0];
  if (!url) throw new Error(`no set-password link in: ${text}`);
  const params = new URLSearchParams(url.split('#')[1]);
  return { username: params.get('username')!, code: params.get('code')!, url };
}

/** A session of `username` (an account whose roles need no second factor). */
async function signIn(username: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${http.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string; stage: string };
  expect(body.stage).toBe('full');
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': body.csrfToken };
}

const accountOf = async (admin: Record<string, string>, id: string) =>
  (await send('GET', '/api/users', admin)).body.users.find((u: Json) => u.id === id);

describe('an account made with a work email address and an emailed invitation', { timeout: 60_000 }, () => {
  it('emails a set-password link (nothing else), shows the admin where and when, and the link sets the password once', async () => {
    const admin = await t.login('admin');
    const before = sink.mails.length;
    const made = await send('POST', '/api/users', admin, {
      username: 'dana',
      displayName: 'Dana Ortiz',
      roles: ['front-desk'],
      email: 'dana.ortiz@clinic.example',
      sendInvitation: true,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // The code went to the person only: the admin never sees it.
    expect(made.body.setPasswordCode).toBeUndefined();
    expect(made.body.invitation).toMatchObject({ to: 'dana.ortiz@clinic.example', error: null });
    expect(made.body.invitation.at).toBe(t.clock.now());
    expect(Date.parse(made.body.invitation.expiresAt)).toBe(
      Date.parse(t.clock.now()) + t.deps.config.setPasswordCodeMs,
    );

    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail!.to).toEqual(['dana.ortiz@clinic.example']);
    expect(mail!.parsed.subject).toContain('choose your password');
    const link = linkIn(mail!.parsed.text ?? '');
    expect(link.username).toBe('dana');
    expect(link.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    // Nothing stored can be turned back into the code.
    const trail = await t.store.listAccountChanges({ userId: made.body.user.id });
    expect(JSON.stringify(trail)).not.toContain(link.code);
    expect(trail.map((c) => c.what)).toEqual(expect.arrayContaining(['created', 'email', 'invitation']));

    const listed = await accountOf(admin, made.body.user.id);
    expect(listed.email).toBe('dana.ortiz@clinic.example');
    expect(listed.invitation).toEqual(made.body.invitation);

    const set = await send(
      'POST',
      '/api/auth/set-password',
      {},
      { username: link.username, code: link.code, password: NEW_PASSWORD },
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const again = await send(
      'POST',
      '/api/auth/set-password',
      {},
      { username: link.username, code: link.code, password: `${NEW_PASSWORD}!` },
    );
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('CODE_FAILED');
    // Used: the admin no longer sees an invitation waiting.
    expect((await accountOf(admin, made.body.user.id)).invitation).toBeNull();

    const session = await signIn('dana', NEW_PASSWORD);
    // The person sees the address the admin gave in their email preferences.
    const prefs = await send('GET', '/api/email-preferences', session);
    expect(prefs.status).toBe(200);
    expect(prefs.body.preferences.address).toBe('dana.ortiz@clinic.example');
  });

  it('"Send a new invitation": a new link, and the one before stops working', async () => {
    let admin = await t.login('admin');
    const before = sink.mails.length;
    const made = await send('POST', '/api/users', admin, {
      username: 'eli',
      roles: ['billing-specialist'],
      email: 'eli@clinic.example',
      sendInvitation: true,
    });
    expect(made.status).toBe(201);
    const first = linkIn((await sink.waitFor(before + 1))[before]!.parsed.text ?? '');
    t.clock.advance(t.deps.config.setPasswordCodeMs + 1000);
    admin = await t.login('admin');
    const expired = await send(
      'POST',
      '/api/auth/set-password',
      {},
      { username: 'eli', code: first.code, password: NEW_PASSWORD },
    );
    expect(expired.body.error.code).toBe('CODE_FAILED');

    const resent = await send('POST', `/api/users/${made.body.user.id}/invitation`, admin);
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body.invitation).toMatchObject({
      to: 'eli@clinic.example',
      error: null,
      at: t.clock.now(),
    });
    const second = linkIn((await sink.waitFor(before + 2))[before + 1]!.parsed.text ?? '');
    expect(second.code).not.toBe(first.code);
    const set = await send(
      'POST',
      '/api/auth/set-password',
      {},
      { username: 'eli', code: second.code, password: NEW_PASSWORD },
    );
    expect(set.status).toBe(200);
  });

  it('the admin changes the address later: in the change trail, and the person sees it', async () => {
    const admin = await t.login('admin');
    const person = t.user('provider');
    const first = await send('PATCH', `/api/users/${person.id}`, admin, { email: 'p.first@clinic.example' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await send('PATCH', `/api/users/${person.id}`, admin, {
      email: 'p.second@clinic.example',
    });
    expect(second.status).toBe(200);
    const trail = (await t.store.listAccountChanges({ userId: person.id })).filter((c) => c.what === 'email');
    expect(trail.map((c) => [c.oldValue, c.newValue, c.actorId])).toEqual([
      ['"p.first@clinic.example"', '"p.second@clinic.example"', t.user('admin').id],
      [null, '"p.first@clinic.example"', t.user('admin').id],
    ]);
    const own = await send('GET', '/api/email-preferences', await t.login('provider'));
    expect(own.body.preferences.address).toBe('p.second@clinic.example');
    expect((await accountOf(admin, person.id)).email).toBe('p.second@clinic.example');
  });

  it('an API token cannot set or change where someone’s emails go', async () => {
    const token = await t.token('admin');
    const person = t.user('triage-nurse');
    const patched = await send('PATCH', `/api/users/${person.id}`, token, {
      email: 'thief@elsewhere.example',
    });
    expect(patched.status).toBe(403);
    expect(patched.body.error.code).toBe('SESSION_REQUIRED');
    const made = await send('POST', '/api/users', token, {
      username: 'tok',
      roles: ['front-desk'],
      email: 'thief@elsewhere.example',
      sendInvitation: true,
    });
    expect(made.status).toBe(403);
    expect(made.body.error.code).toBe('SESSION_REQUIRED');
    expect((await t.store.getEmailPreferences(person.id)).address).toBeNull();
    expect(await t.store.findUserByUsername('tok')).toBeNull();
  });

  it('an invitation needs an address, and a new one needs the account to have one', async () => {
    const admin = await t.login('admin');
    const noAddress = await send('POST', '/api/users', admin, {
      username: 'nomail',
      roles: ['front-desk'],
      sendInvitation: true,
    });
    expect(noAddress.status).toBe(400);
    const plain = await send('POST', '/api/users', admin, {
      username: 'nomail',
      roles: ['front-desk'],
      setPasswordCode: true,
    });
    expect(plain.status).toBe(201);
    const resend = await send('POST', `/api/users/${plain.body.user.id}/invitation`, admin);
    expect(resend.status).toBe(409);
    expect(resend.body.error.code).toBe('NO_EMAIL_ADDRESS');
  });
});

describe('when the mail server does not take the invitation', { timeout: 60_000 }, () => {
  it('the account is made and the admin reads why, as a code and a sentence', async () => {
    const down = await makeApp({
      config: {
        outbox: { ...(await import('../src/config.ts')).outboxConfig({}), smtpUrl: 'smtp://127.0.0.1:9' },
      },
    });
    try {
      const admin = await down.login('admin');
      const made = await down.call('POST', '/api/users', {
        as: admin,
        body: { username: 'fay', roles: ['front-desk'], email: 'fay@clinic.example', sendInvitation: true },
      });
      expect(made.status, made.text).toBe(201);
      expect(made.body.invitation).toMatchObject({ to: 'fay@clinic.example', expiresAt: null });
      expect(made.body.invitation.error).toMatch(/^SMTP_UNREACHABLE: /);
      const listed = (await down.call('GET', '/api/users', { as: admin })).body.users.find(
        (u: { username: string }) => u.username === 'fay',
      );
      expect(listed.invitation.error).toMatch(/^SMTP_UNREACHABLE: /);
    } finally {
      await down.close();
    }
  });

  it('without a mail server an invitation is refused before the account is made', async () => {
    const off = await makeApp();
    try {
      const admin = await off.login('admin');
      const made = await off.call('POST', '/api/users', {
        as: admin,
        body: { username: 'gus', roles: ['front-desk'], email: 'gus@clinic.example', sendInvitation: true },
      });
      expect(made.status).toBe(409);
      expect(made.body.error.code).toBe('EMAIL_NOT_CONFIGURED');
      expect(await off.store.findUserByUsername('gus')).toBeNull();
    } finally {
      await off.close();
    }
  });
});
