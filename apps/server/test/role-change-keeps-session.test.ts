import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * An admin changing a person's roles leaves them signed in (their typed work stays on screen), while
 * nothing serves a role they lost: every request reads the roles as they are now, session or token.
 * Over a real listener and a real libSQL file.
 */

let t: TestApp;
let listener: Listener | undefined;
let base: string;
let n = 0;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  base = listener.base;
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

async function send(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const pool = (role: string) => `/api/tasks?scope=pool&role=${role}`;

async function assistant(roles: string[]) {
  const username = `moving-assistant-${++n}`;
  const user = await t.addUser(username, roles);
  return { user, session: await t.login(username), admin: await t.login('admin') };
}

describe('a role change keeps the person signed in', () => {
  it('a role added: the same session works and sees the new role’s pool', async () => {
    const { user, session, admin } = await assistant(['medical-assistant']);
    expect((await send('GET', pool('scheduler'), session)).status).toBe(403);
    const changed = await send('PATCH', `/api/users/${user.id}`, admin, {
      roles: ['medical-assistant', 'scheduler'],
    });
    expect(changed.status).toBe(200);
    const me = await send('GET', '/api/me', session);
    expect(me.status).toBe(200);
    expect(me.body.user.roles).toEqual(['medical-assistant', 'scheduler']);
    expect((await send('GET', pool('scheduler'), session)).status).toBe(200);
    expect((await send('GET', pool('medical-assistant'), session)).status).toBe(200);
  });

  it('a role removed: the same session works, the removed role’s pool is refused at once', async () => {
    const { user, session, admin } = await assistant(['medical-assistant', 'scheduler']);
    expect((await send('GET', pool('scheduler'), session)).status).toBe(200);
    expect(
      (await send('PATCH', `/api/users/${user.id}`, admin, { roles: ['medical-assistant'] })).status,
    ).toBe(200);
    const refused = await send('GET', pool('scheduler'), session);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBeTruthy();
    expect((await send('GET', pool('medical-assistant'), session)).status).toBe(200);
    const me = await send('GET', '/api/me', session);
    expect(me.status).toBe(200);
    expect(me.body.user.roles).toEqual(['medical-assistant']);
  });

  it('requests racing the change never serve the removed role once the change has answered', async () => {
    const { user, session, admin } = await assistant(['medical-assistant', 'scheduler']);
    // Warm every cache with the old roles first.
    expect((await send('GET', pool('scheduler'), session)).status).toBe(200);
    let answered = false;
    const after: number[] = [];
    const racing = async () => {
      for (let i = 0; i < 40; i++) {
        const startedAfter = answered;
        const { status } = await send('GET', pool('scheduler'), session);
        if (startedAfter) after.push(status);
        if (after.length >= 10) return;
      }
    };
    const racers = Array.from({ length: 4 }, racing);
    const change = send('PATCH', `/api/users/${user.id}`, admin, { roles: ['medical-assistant'] }).then(
      (r) => {
        answered = true;
        return r;
      },
    );
    expect((await change).status).toBe(200);
    await Promise.all(racers);
    // Whatever started after the answer is refused; the session itself never ended.
    for (let i = 0; i < 5; i++) after.push((await send('GET', pool('scheduler'), session)).status);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((s) => s === 403)).toBe(true);
    expect((await send('GET', '/api/me', session)).status).toBe(200);
  });

  it('an API token acts with its owner’s roles as they are now: a removed role’s pool is refused, the token works on', async () => {
    const { user, admin } = await assistant(['medical-assistant', 'scheduler']);
    const token = await t.token(user.username);
    expect((await send('GET', pool('scheduler'), token)).status).toBe(200);
    expect(
      (await send('PATCH', `/api/users/${user.id}`, admin, { roles: ['medical-assistant'] })).status,
    ).toBe(200);
    expect((await send('GET', pool('scheduler'), token)).status).toBe(403);
    expect((await send('GET', pool('medical-assistant'), token)).status).toBe(200);
  });

  it('a staff list that changes the roles keeps the person signed in too', async () => {
    const { user, session, admin } = await assistant(['medical-assistant']);
    const csv = `username,display name,roles\n${user.username},${user.username},medical-assistant;scheduler`;
    const applied = await send('POST', '/api/users/import', admin, { csv });
    expect(applied.body.rows?.[0]?.outcome).toBe('updated');
    const me = await send('GET', '/api/me', session);
    expect(me.status).toBe(200);
    expect(me.body.user.roles).toEqual(['medical-assistant', 'scheduler']);
  });

  it('a role that needs two-factor sign-in the person has not set up still signs them out', async () => {
    // Their session was opened with a password alone: the new role's powers wait for a second factor.
    const { user, session, admin } = await assistant(['medical-assistant']);
    expect((await send('PATCH', `/api/users/${user.id}`, admin, { roles: ['auditor'] })).status).toBe(200);
    expect((await send('GET', '/api/me', session)).status).toBe(401);
  });

  it('a new password, a two-factor reset and disabling still end the sessions', async () => {
    for (const edit of [{ password: 'an entirely new long password' }, { disabled: true }]) {
      const { user, session, admin } = await assistant(['medical-assistant']);
      expect((await send('PATCH', `/api/users/${user.id}`, admin, edit)).status).toBe(200);
      expect((await send('GET', '/api/me', session)).status, JSON.stringify(edit)).toBe(401);
    }
    const lead = await t.addUser(`designer-${++n}`, ['designer']);
    const session = await t.login(lead.username);
    const admin = await t.login('admin');
    expect((await send('PATCH', `/api/users/${lead.id}`, admin, { resetTwoFactor: true })).status).toBe(200);
    expect((await send('GET', '/api/me', session)).status).toBe(401);
  });
});
