import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';
import { openSse, type SseClient, type SseEvent } from './support/sse.ts';

/**
 * An account made, renamed, given other roles or disabled changes what other screens show: an
 * admin's open account panel, a colleague's hand-off list, the names on the Team page. Those screens
 * hear `people.changed` live, with the account's id only (never a name), and only where they show
 * that person: leads, admins and auditors; the person; colleagues in the roles the person had or has.
 */
let t: TestApp;
let listener: Listener;
let admin: AuthHeaders;

beforeAll(async () => {
  t = await makeApp({ start: '2026-03-02T16:00:00.000Z' });
  listener = await listen(t.app);
  admin = await t.login('admin');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON
async function send(method: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${listener.base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...admin },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const about = (id: string) => (e: SseEvent) =>
  e.event === 'people.changed' && JSON.parse(e.data).userId === id;

/** Streams for an auditor, a lead, the medical assistant, a billing specialist and a scheduler. */
async function streams(): Promise<Record<string, SseClient>> {
  const names = ['auditor', 'lead', 'medical-assistant', 'billing-specialist', 'scheduler'];
  const opened = await Promise.all(
    names.map(async (n) => openSse(`${listener.base}/api/events`, await t.token(n))),
  );
  for (const s of opened) expect(s.status).toBe(200);
  return Object.fromEntries(names.map((n, i) => [n, opened[i]!]));
}

describe('people.changed', () => {
  it('reaches who shows the person, by id only, as an account is renamed, given a role and made', async () => {
    const s = await streams();
    try {
      const ma = t.user('medical-assistant');
      expect((await send('PATCH', `/api/users/${ma.id}`, { displayName: 'Keisha B. Brown' })).status).toBe(
        200,
      );
      for (const who of ['auditor', 'lead', 'medical-assistant']) {
        const heard = await s[who]!.next(about(ma.id), 10_000);
        // Ids only: the name is re-read through the routes that check access.
        expect(JSON.parse(heard.data)).toEqual({ type: 'people.changed', userId: ma.id });
      }

      // The billing specialist now also works as a scheduler: the schedulers' screens hear of it.
      const biller = t.user('billing-specialist');
      const roles = ['billing-specialist', 'scheduler'];
      expect((await send('PATCH', `/api/users/${biller.id}`, { roles })).status).toBe(200);
      await s.scheduler!.next(about(biller.id), 10_000);
      await s.lead!.next(about(biller.id), 10_000);

      // A new scheduler: the schedulers hear of them; the medical assistant, whom it does not concern, not.
      const made = await send('POST', '/api/users', {
        username: 'scheduler-2',
        displayName: 'Sam Ortiz',
        roles: ['scheduler'],
        password: 'a-long-enough-password-2026',
      });
      expect(made.status).toBe(201);
      await s.scheduler!.next(about(made.body.user.id), 10_000);
      await s.auditor!.next(about(made.body.user.id), 10_000);

      // A marker the medical assistant does hear, sent last: by then anything sent before it has arrived.
      expect((await send('PATCH', `/api/users/${ma.id}`, { displayName: 'Keisha Brown' })).status).toBe(200);
      const mine = s['medical-assistant']!;
      const first = mine.events.find(about(ma.id));
      await mine.next((e) => about(ma.id)(e) && e !== first, 10_000);
      expect(mine.events.filter(about(biller.id))).toEqual([]);
      expect(mine.events.filter(about(made.body.user.id))).toEqual([]);
      expect(s['billing-specialist']!.events.filter(about(ma.id))).toEqual([]);
    } finally {
      for (const stream of Object.values(s)) stream.close();
    }
  }, 60_000);
});
