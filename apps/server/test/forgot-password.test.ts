// "Forgot password" on the sign-in page: the same answer for every account and for none, a reset link
// emailed to the account's work address through a real SMTP server on loopback, limits that bursts do
// not get past, and a link that works once, expires, ends other sessions and keeps two-factor sign-in.
import { FORGOT_PASSWORD_ANSWER } from '@portalflow/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxConfig } from '../src/config.ts';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';
import { type MailSink, startMailSink } from './support/mail-sink.ts';

const NEW_PASSWORD = 'a long new password 42';
const HOUR = 3600_000;

let t: TestApp;
let sink: MailSink;
let http: Listener;

beforeAll(async () => {
  sink = await startMailSink();
  t = await makeApp({
    config: { outbox: { ...outboxConfig({}), smtpUrl: sink.url, baseUrl: 'https://portal.example' } },
  });
  http = await listen(t.app);
  for (const [name, address] of [
    ['front-desk', 'desk@clinic.example'],
    ['lead', 'Lead.Designer@clinic.example'],
    ['billing-specialist', 'billing@clinic.example'],
    ['provider', 'provider@clinic.example'],
  ] as const)
    await t.store.setWorkEmail({ userId: t.user(name).id, address, actorId: null, at: t.clock.now() });
});
afterAll(async () => {
  await http?.close();
  await t?.close();
  await sink?.close();
});
// Every test starts with the hour's limits spent by none of the others.
beforeEach(() => {
  t.clock.advance(2 * HOUR);
});

// biome-ignore lint/suspicious/noExplicitAny: answers of every shape, read as JSON
type Json = any;

async function send(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json; ms: number; retryAfter: string | null }> {
  const started = performance.now();
  const res = await fetch(`${http.base}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : null,
    ms: performance.now() - started,
    retryAfter: res.headers.get('retry-after'),
  };
}

/** Each request from its own client address (behind the clinic's proxy), so only the limit under test counts. */
let client = 0;
const forgot = (who: string) =>
  send('/api/auth/forgot-password', { who }, { 'x-forwarded-for': `203.0.113.${++client % 250}` });

function linkIn(text: string): { username: string; code: string } {
  const url = /https:\/\/portal\.example\/set-password#\S+/.exec(text)?.[0];
  if (!url) throw new Error(`no set-password link in: ${text}`);
  const params = new URLSearchParams(url.split('#')[1]);
  return { username: params.get('username')!, code: params.get('code')! };
}

describe('forgot password', { timeout: 90_000 }, () => {
  beforeAll(() => {
    t.deps.config.trustProxy = true;
  });

  it('answers the same words for an account, an address, an unknown name and an account with no address', async () => {
    const before = sink.mails.length;
    const answers = await Promise.all(
      ['front-desk', 'billing@clinic.example', 'nobody-here', 'nobody@clinic.example', 'triage-nurse'].map(
        forgot,
      ),
    );
    for (const a of answers) {
      expect(a.status).toBe(202);
      expect(a.body).toEqual({ message: FORGOT_PASSWORD_ANSWER });
    }
    await t.passwordResets.settled();
    const sent = sink.mails.slice(before);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(['billing@clinic.example', 'desk@clinic.example']);
    const desk = sent.find((m) => m.to[0] === 'desk@clinic.example')!;
    expect(desk.parsed.subject).toBe('[Clinic] Choose a new password');
    expect(linkIn(desk.parsed.text ?? '').username).toBe('front-desk');
  });

  it('answers before the email is written: an account takes no longer than no account', async () => {
    const timings = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 6; i++) {
      // Alternating, so a slower moment of the machine falls on both.
      timings.known.push((await forgot(i % 2 ? 'provider' : 'provider@clinic.example')).ms);
      timings.unknown.push((await forgot(i % 2 ? `ghost${i}` : `ghost${i}@clinic.example`)).ms);
    }
    await t.passwordResets.settled();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(Math.abs(median(timings.known) - median(timings.unknown))).toBeLessThan(100);
  });

  it('the link sets a new password once, ends the other sessions, and two-factor sign-in stays required', async () => {
    const other = await t.login('lead');
    expect((await t.call('GET', '/api/me', { as: other })).status).toBe(200);
    const before = sink.mails.length;
    // The address as typed, letter case aside.
    expect((await forgot('lead.designer@CLINIC.example')).status).toBe(202);
    await t.passwordResets.settled();
    const mail = (await sink.waitFor(before + 1))[before]!;
    // To the address as saved, not as typed.
    expect(mail.to).toEqual(['Lead.Designer@clinic.example']);
    const { username, code } = linkIn(mail.parsed.text ?? '');
    expect(username).toBe('lead');

    const set = await send('/api/auth/set-password', { username, code, password: NEW_PASSWORD });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    // The session open before the reset ended with the old password.
    expect((await t.call('GET', '/api/me', { as: other })).status).toBe(401);
    const reused = await send('/api/auth/set-password', { username, code, password: `${NEW_PASSWORD}!` });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('CODE_FAILED');
    // The new password is only the first step: the authenticator is still asked for.
    const signedIn = await send('/api/auth/login', { username: 'lead', password: NEW_PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.stage).toBe('totp');
    const trail = await t.store.listAccountChanges({ userId: t.user('lead').id });
    expect(trail.map((c) => c.what)).toContain('password-reset-email');
    expect(JSON.stringify(trail)).not.toContain(code);
  });

  it('the link expires', async () => {
    const before = sink.mails.length;
    await forgot('billing-specialist');
    await t.passwordResets.settled();
    const { username, code } = linkIn((await sink.waitFor(before + 1))[before]!.parsed.text ?? '');
    t.clock.advance(HOUR + 1000);
    const late = await send('/api/auth/set-password', { username, code, password: NEW_PASSWORD });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('CODE_FAILED');
  });

  it('a burst for one account sends three emails in the hour, by name and by address alike', async () => {
    const before = sink.mails.length;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => forgot(i % 2 ? 'front-desk' : 'desk@clinic.example')),
    );
    expect(answers.every((a) => a.status === 202)).toBe(true);
    await t.passwordResets.settled();
    expect(sink.mails.slice(before).filter((m) => m.to[0] === 'desk@clinic.example')).toHaveLength(3);
  });

  it('one computer asking too often is told to wait, whatever it types', async () => {
    const from = { 'x-forwarded-for': '198.51.100.7' };
    const answers = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        send('/api/auth/forgot-password', { who: i % 2 ? 'provider' : `nobody${i}` }, from),
      ),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(10);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(4);
    expect(refused[0]!.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(refused[0]!.retryAfter)).toBeGreaterThan(0);
    await t.passwordResets.settled();
  });
});
