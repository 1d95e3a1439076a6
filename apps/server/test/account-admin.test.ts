import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/** Account administration over a real libSQL file; the last admin burst over a real listener. */

let t: TestApp;
let listener: Listener | undefined;
let base: string;

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

const NEW_PASSWORD = 'a long new password 42';

describe('creating an account with a one-time set-password code', () => {
  it('the person redeems it once at sign-in, then signs in; every step is in the trail', async () => {
    const admin = await t.login('admin');
    const made = await t.call('POST', '/api/users', {
      as: admin,
      body: {
        username: 'ma2',
        displayName: 'Maria Second',
        roles: ['medical-assistant'],
        setPasswordCode: true,
      },
    });
    expect(made.status, made.text).toBe(201);
    const code: string = made.body.setPasswordCode;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(made.body.setPasswordCodeExpiresAt > t.clock.now()).toBe(true);
    // Nothing stored can be turned back into the code.
    const stored = await t.store.listAccountChanges({ userId: made.body.user.id });
    expect(JSON.stringify(stored)).not.toContain(code);

    // No password yet: signing in fails whatever is typed.
    expect(
      (await t.call('POST', '/api/auth/login', { body: { username: 'ma2', password: '!unset' } })).status,
    ).toBe(401);

    const wrongUser = await t.call('POST', '/api/auth/set-password', {
      body: { username: 'medical-assistant', code, password: NEW_PASSWORD },
    });
    expect(wrongUser.status).toBe(401);
    expect(wrongUser.body.error.code).toBe('CODE_FAILED');
    const short = await t.call('POST', '/api/auth/set-password', {
      body: { username: 'ma2', code, password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('PASSWORD_TOO_WEAK');

    const redeemed = await t.call('POST', '/api/auth/set-password', {
      body: { username: 'ma2', code: code.toLowerCase(), password: NEW_PASSWORD },
    });
    expect(redeemed.status, redeemed.text).toBe(200);
    const again = await t.call('POST', '/api/auth/set-password', {
      body: { username: 'ma2', code, password: NEW_PASSWORD },
    });
    expect(again.status).toBe(401);

    const login = await t.call('POST', '/api/auth/login', {
      body: { username: 'ma2', password: NEW_PASSWORD },
    });
    expect(login.status, login.text).toBe(200);
    const list = await t.call('GET', '/api/users', { as: admin });
    expect(list.body.users.find((u: { username: string }) => u.username === 'ma2')).toMatchObject({
      lastSignInAt: t.clock.now(),
      twoFactor: false,
      disabled: false,
    });
    const trail = await t.call('GET', `/api/account-changes?userId=${made.body.user.id}`, {
      as: await t.login('auditor'),
    });
    expect(trail.body.changes.map((c: { what: string }) => c.what)).toEqual([
      'password',
      'set-password-code',
      'created',
    ]);
    expect(trail.body.changes[2]).toMatchObject({ actorName: 'admin', userName: 'Maria Second' });
  });

  it('an expired code is refused', async () => {
    const admin = await t.login('admin');
    const user = await t.addUser('expiring', ['front-desk']);
    const issued = await t.call('POST', `/api/users/${user.id}/set-password-code`, { as: admin });
    expect(issued.status).toBe(201);
    t.clock.advance(t.deps.config.setPasswordCodeMs + 1000);
    const late = await t.call('POST', '/api/auth/set-password', {
      body: { username: 'expiring', code: issued.body.setPasswordCode, password: NEW_PASSWORD },
    });
    expect(late.status).toBe(401);
  });

  it('bad input: a role not in the catalog, or both a password and a code, creates nothing', async () => {
    const admin = await t.login('admin');
    const before = (await t.store.listUsers()).length;
    const unknown = await t.call('POST', '/api/users', {
      as: admin,
      body: { username: 'ghost', roles: ['pharmacist-typo'], setPasswordCode: true },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_ROLE' });
    const both = await t.call('POST', '/api/users', {
      as: admin,
      body: { username: 'ghost', roles: [], setPasswordCode: true, password: NEW_PASSWORD },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.store.listUsers()).length).toBe(before);
  });
});

describe('last admin guard', () => {
  it('two admins removing each other’s admin role at the same moment: at least one admin remains', async () => {
    const a = await t.addUser('admin-a', ['admin']);
    const b = await t.addUser('admin-b', ['admin']);
    // The demo admin steps aside, so a and b are the only active admins.
    const demoAdmin = t.user('admin');
    const asA = await t.login('admin-a');
    const asB = await t.login('admin-b');
    expect((await send('PATCH', `/api/users/${demoAdmin.id}`, asA, { disabled: true })).status).toBe(200);

    const [ab, ba] = await Promise.all([
      send('PATCH', `/api/users/${b.id}`, asA, { roles: ['designer'] }),
      send('PATCH', `/api/users/${a.id}`, asB, { roles: ['designer'] }),
    ]);
    const statuses = [ab.status, ba.status].sort();
    // Either one won and the other was refused, or the loser's session ended with its roles first.
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const loser = ab.status === 200 ? ba : ab;
    expect([401, 403, 409]).toContain(loser.status);
    const admins = (await t.store.listUsers()).filter((u) => u.roles.includes('admin') && !u.disabled);
    expect(admins).toHaveLength(1);

    // The one left cannot disable or demote themselves.
    const survivor = admins[0]!;
    const own = survivor.id === a.id ? await t.login('admin-a') : await t.login('admin-b');
    const disable = await send('PATCH', `/api/users/${survivor.id}`, own, { disabled: true });
    expect(disable.status).toBe(409);
    expect(disable.body.error.code).toBe('LAST_ADMIN');
    const demote = await send('PATCH', `/api/users/${survivor.id}`, own, { roles: [] });
    expect(demote.body.error.code).toBe('LAST_ADMIN');
    expect((await t.store.getUser(survivor.id))?.roles).toEqual(['admin']);
    // Restore the demo admin for the other tests.
    expect((await send('PATCH', `/api/users/${demoAdmin.id}`, own, { disabled: false })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('an admin sees a person’s sessions with a client hint and ends one, then all', async () => {
    const admin = await t.login('admin');
    const person = await t.addUser('sessions-ma', ['medical-assistant']);
    const first = await t.login('sessions-ma');
    const second = await send(
      'POST',
      '/api/auth/login',
      { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0' },
      {
        username: 'sessions-ma',
        password: 'correct horse battery staple',
      },
    );
    expect(second.status).toBe(200);
    const listed = await t.call('GET', `/api/users/${person.id}/sessions`, { as: admin });
    expect(listed.body.sessions).toHaveLength(2);
    expect(listed.body.sessions.map((s: { clientHint: string }) => s.clientHint)).toContain(
      'Chrome on Windows',
    );
    const firstId = listed.body.sessions.find(
      (s: { clientHint: string | null }) => s.clientHint !== 'Chrome on Windows',
    ).id;
    expect(
      (await t.call('DELETE', `/api/users/${person.id}/sessions/${firstId}`, { as: admin })).status,
    ).toBe(200);
    expect((await t.call('GET', '/api/me', { as: first })).status).toBe(401);
    expect(
      (await t.call('DELETE', `/api/users/${person.id}/sessions/${firstId}`, { as: admin })).status,
    ).toBe(404);
    const all = await t.call('DELETE', `/api/users/${person.id}/sessions`, { as: admin });
    expect(all.body).toEqual({ ended: 1 });
    expect((await t.call('GET', `/api/users/${person.id}/sessions`, { as: admin })).body.sessions).toEqual(
      [],
    );
  });

  it('disabling a person ends their open session', async () => {
    const admin = await t.login('admin');
    const person = await t.addUser('disable-me', ['front-desk']);
    const session = await t.login('disable-me');
    expect(
      (await t.call('PATCH', `/api/users/${person.id}`, { as: admin, body: { disabled: true } })).status,
    ).toBe(200);
    expect((await t.call('GET', '/api/me', { as: session })).status).toBe(401);
    const trail = await t.store.listAccountChanges({ userId: person.id });
    expect(trail[0]).toMatchObject({
      what: 'disabled',
      oldValue: 'false',
      newValue: 'true',
      actorId: t.user('admin').id,
    });
  });
});

describe('staff list import', () => {
  const csv = [
    'username,display name,roles',
    'ma3,Mia Third,medical-assistant',
    'front-desk,Front Desk Renamed,front-desk;medical-assistant',
    'Bad Name,Someone,front-desk',
    'ma3,Duplicate,medical-assistant',
    'pharm,Pat,pharmacist',
  ].join('\n');

  it('previews every row as create, update or error, and writes nothing', async () => {
    const admin = await t.login('admin');
    const before = JSON.stringify(await t.store.listUsers());
    const res = await t.call('POST', '/api/users/import/preview', { as: admin, body: { csv } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.rows.map((r: { line: number; action: string }) => [r.line, r.action])).toEqual([
      [2, 'create'],
      [3, 'update'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
    ]);
    expect(res.body.rows[2].errors[0]).toMatch(/not a valid username/);
    expect(res.body.rows[3].errors[0]).toMatch(/also on line 2/);
    expect(res.body.rows[4].errors[0]).toMatch(/unknown role: pharmacist/);
    expect(JSON.stringify(await t.store.listUsers())).toBe(before);
    const refused = await t.call('POST', '/api/users/import', { as: admin, body: { csv } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('STAFF_LIST_HAS_ERRORS');
    expect(JSON.stringify(await t.store.listUsers())).toBe(before);
    const notCsv = await t.call('POST', '/api/users/import/preview', { as: admin, body: { csv: 'name\nx' } });
    expect(notCsv.status).toBe(400);
    expect(notCsv.body.error.code).toBe('STAFF_LIST_INVALID');
  });

  it('applies a clean list: new people get a one-time code each, updates are in the trail', async () => {
    const admin = await t.login('admin');
    const clean = csv.split('\n').slice(0, 3).join('\n');
    const res = await t.call('POST', '/api/users/import', { as: admin, body: { csv: clean } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.codes).toHaveLength(1);
    expect(res.body.codes[0]).toMatchObject({ username: 'ma3', displayName: 'Mia Third' });
    const updated = (await t.store.listUsers()).find((u) => u.username === 'front-desk')!;
    expect(updated).toMatchObject({
      displayName: 'Front Desk Renamed',
      roles: ['front-desk', 'medical-assistant'],
    });
    const trail = await t.store.listAccountChanges({ userId: updated.id });
    expect(trail.map((c) => [c.what, c.oldValue, c.newValue])).toContainEqual([
      'roles',
      '["front-desk"]',
      '["front-desk","medical-assistant"]',
    ]);
    const redeemed = await t.call('POST', '/api/auth/set-password', {
      body: { username: 'ma3', code: res.body.codes[0].setPasswordCode, password: NEW_PASSWORD },
    });
    expect(redeemed.status).toBe(200);
  });
});

describe('the account change trail', () => {
  it('auditors read it and download it as CSV; staff may not', async () => {
    const csv = await t.call('GET', '/api/account-changes?format=csv', { as: await t.login('auditor') });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe('at,by,account,what,old,new');
    // Named by the moment the server read it (UTC, no colon), not by the downloading computer's clock.
    const at = new Date(t.clock.now()).toISOString();
    const stamp = `${at.slice(0, 13)}${at.slice(14, 16)}Z`;
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="account-changes-as-of-${stamp}.csv"`,
    );
    const staff = await t.call('GET', '/api/account-changes', { as: await t.login('front-desk') });
    expect(staff.status).toBe(403);
    const bad = await t.call('GET', '/api/account-changes?limit=0', { as: await t.login('auditor') });
    expect(bad.status).toBe(400);
  });

  it('the screen reads the newest 200; the CSV is the whole trail, not that page', async () => {
    const auditor = await t.login('auditor');
    const person = await t.addUser('renamed-often', ['front-desk']);
    for (let i = 0; i < 230; i++)
      await t.deps.store.recordAccountChanges({
        userId: person.id,
        actorId: null,
        at: t.clock.now(),
        changes: [{ what: 'displayName', oldValue: `Name ${i}`, newValue: `Name ${i + 1}` }],
      });
    const shown = await t.call('GET', '/api/account-changes', { as: auditor });
    expect(shown.body.changes).toHaveLength(200);
    const all = (await t.call('GET', '/api/account-changes?limit=5000', { as: auditor })).body.changes.length;
    expect(all).toBeGreaterThanOrEqual(230);
    const csv = await t.call('GET', '/api/account-changes?format=csv', { as: auditor });
    // Every change, a row each, under the header.
    expect(csv.text.trim().split('\n')).toHaveLength(all + 1);
    const one = await t.call('GET', `/api/account-changes?format=csv&userId=${person.id}`, { as: auditor });
    expect(one.text.trim().split('\n')).toHaveLength(230 + 1);
  });
});

describe('an active account keeps at least one role', () => {
  it('removing every role of an active account is refused in words; a disabled one may have none', async () => {
    const person = await t.addUser('fd-norole', ['front-desk']);
    const admin = await t.login('admin');
    const emptied = await send('PATCH', `/api/users/${person.id}`, admin, { roles: [] });
    expect(emptied.status).toBe(409);
    expect(emptied.body.error.code).toBe('ROLE_REQUIRED');
    expect(emptied.body.error.message).toBe(
      'An active account needs at least one role; to stop someone’s access, disable the account',
    );
    expect((await t.store.getUser(person.id))?.roles).toEqual(['front-desk']);
    const trail = await t.store.listAccountChanges({ userId: person.id });
    expect(trail.filter((c) => c.what === 'roles')).toHaveLength(0);

    // Disabled first, the account may lose its roles; enabled again, it needs one back.
    expect((await send('PATCH', `/api/users/${person.id}`, admin, { disabled: true })).status).toBe(200);
    expect((await send('PATCH', `/api/users/${person.id}`, admin, { roles: [] })).status).toBe(200);
    const enabled = await send('PATCH', `/api/users/${person.id}`, admin, { disabled: false });
    expect(enabled.status).toBe(409);
    expect(enabled.body.error.code).toBe('ROLE_REQUIRED');
    expect((await t.store.getUser(person.id))?.disabled).toBe(true);
    const both = await send('PATCH', `/api/users/${person.id}`, admin, {
      disabled: false,
      roles: ['front-desk'],
    });
    expect(both.status).toBe(200);
    expect(both.body.user).toMatchObject({ disabled: false, roles: ['front-desk'] });
  });

  it('a person is not added with no role, one at a time or from a staff list', async () => {
    const admin = await t.login('admin');
    const before = JSON.stringify(await t.store.listUsers());
    const none = await t.call('POST', '/api/users', {
      as: admin,
      body: { username: 'no-role', roles: [], setPasswordCode: true },
    });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('ROLE_REQUIRED');
    const csv = [
      'username,display name,roles',
      'no-role,Nobody Yet,',
      'ma4,Mia Fourth,medical-assistant',
    ].join('\n');
    const preview = await t.call('POST', '/api/users/import/preview', { as: admin, body: { csv } });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.rows.map((r: { action: string }) => r.action)).toEqual(['error', 'create']);
    expect(preview.body.rows[0].errors[0]).toMatch(/at least one role/);
    const applied = await t.call('POST', '/api/users/import', { as: admin, body: { csv } });
    expect(applied.status).toBe(422);
    expect(JSON.stringify(await t.store.listUsers())).toBe(before);
  });

  it('admins emptying and changing roles at the same moment never leave an active account with none', async () => {
    const person = await t.addUser('ma-burst', ['front-desk', 'medical-assistant']);
    const admins = await Promise.all(
      ['admin-c', 'admin-d', 'admin-e', 'admin-f'].map((n) => t.addUser(n, ['admin'])),
    );
    const as = await Promise.all(admins.map((a) => t.login(a.username)));
    const answers = await Promise.all([
      send('PATCH', `/api/users/${person.id}`, as[0]!, { roles: ['front-desk'] }),
      send('PATCH', `/api/users/${person.id}`, as[1]!, { roles: [] }),
      send('PATCH', `/api/users/${person.id}`, as[2]!, { roles: ['medical-assistant'] }),
      send('PATCH', `/api/users/${person.id}`, as[3]!, { roles: [] }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 409, 200, 409]);
    expect((await t.store.getUser(person.id))?.roles.length).toBe(1);

    // The race only a conditional write settles: one admin empties a disabled account's roles while
    // another enables it. Each alone is allowed; together they would leave an active account with none.
    for (let round = 0; round < 5; round++) {
      expect(
        (await send('PATCH', `/api/users/${person.id}`, as[0]!, { disabled: true, roles: ['front-desk'] }))
          .status,
      ).toBe(200);
      const [empty, enable] = await Promise.all([
        send('PATCH', `/api/users/${person.id}`, as[1]!, { roles: [] }),
        send('PATCH', `/api/users/${person.id}`, as[2]!, { disabled: false }),
      ]);
      expect([empty.status, enable.status].sort()).toEqual([200, 409]);
      const loser = empty.status === 409 ? empty : enable;
      expect(loser.body.error.code).toBe('ROLE_REQUIRED');
      const after = await t.store.getUser(person.id);
      expect(after?.disabled === false && after.roles.length === 0).toBe(false);
    }
  });
});
