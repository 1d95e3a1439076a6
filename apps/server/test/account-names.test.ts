// A person's full name is what every list, history and hand-off shows: never only spaces, and kept
// without the spaces typed around it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t?.close();
});

describe('full names', { timeout: 60_000 }, () => {
  it('a name of spaces only is refused in words, on creation and on edit; the stored name is kept', async () => {
    const admin = await t.login('admin');
    const made = await t.call('POST', '/api/users', {
      as: admin,
      body: { username: 'blank', displayName: '   ', roles: ['front-desk'], setPasswordCode: true },
    });
    expect(made.status, made.text).toBe(400);
    expect(made.body.error.code).toBe('VALIDATION_FAILED');
    expect(made.body.error.message).toMatch(/^Full name: type a name, not only spaces$/);
    expect(await t.store.findUserByUsername('blank')).toBeNull();

    const person = t.user('triage-nurse');
    const before = (await t.store.getUser(person.id))!.displayName;
    const edited = await t.call('PATCH', `/api/users/${person.id}`, {
      as: admin,
      body: { displayName: ' \t ' },
    });
    expect(edited.status, edited.text).toBe(400);
    expect((await t.store.getUser(person.id))!.displayName).toBe(before);
  });

  it('spaces around a name are not kept', async () => {
    const admin = await t.login('admin');
    const made = await t.call('POST', '/api/users', {
      as: admin,
      body: { username: 'padded', displayName: '  Ana Ruiz  ', roles: ['front-desk'], setPasswordCode: true },
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body.user.displayName).toBe('Ana Ruiz');
    const edited = await t.call('PATCH', `/api/users/${made.body.user.id}`, {
      as: admin,
      body: { displayName: ' Ana Ruiz-Soto ' },
    });
    expect(edited.body.user.displayName).toBe('Ana Ruiz-Soto');
  });

  it("a rename is in the account's history, by whom, from what to what; the refused one is not", async () => {
    const admin = await t.login('admin');
    const person = await t.addUser('misspelled', ['front-desk']);
    const named = (await t.store.getUser(person.id))!.displayName;
    const refused = await t.call('PATCH', `/api/users/${person.id}`, {
      as: admin,
      body: { displayName: '  ' },
    });
    expect(refused.status, refused.text).toBe(400);
    const renamed = await t.call('PATCH', `/api/users/${person.id}`, {
      as: admin,
      body: { displayName: ' Aisha Mohammed ' },
    });
    expect(renamed.status, renamed.text).toBe(200);
    const trail = await t.call('GET', `/api/account-changes?userId=${person.id}`, { as: admin });
    expect(trail.status, trail.text).toBe(200);
    const names = trail.body.changes.filter((c: { what: string }) => c.what === 'display-name');
    expect(names).toEqual([
      expect.objectContaining({
        actorId: t.user('admin').id,
        oldValue: JSON.stringify(named),
        newValue: '"Aisha Mohammed"',
        userName: 'Aisha Mohammed',
      }),
    ]);
  });

  it('only an admin renames: anyone else is refused and the name and history stay as they were', async () => {
    const person = await t.addUser('kept-name', ['front-desk']);
    const before = (await t.store.getUser(person.id))!.displayName;
    for (const who of ['lead', 'auditor', 'front-desk', 'practice-manager']) {
      const tried = await t.call('PATCH', `/api/users/${person.id}`, {
        as: await t.login(who),
        body: { displayName: `Renamed by ${who}` },
      });
      expect(tried.status, `${who}: ${tried.text}`).toBe(403);
    }
    // Not even their own name: it is an admin's to correct.
    const self = t.user('front-desk');
    const own = await t.call('PATCH', `/api/users/${self.id}`, {
      as: await t.login('front-desk'),
      body: { displayName: 'My Own Pick' },
    });
    expect(own.status, own.text).toBe(403);
    expect((await t.store.getUser(person.id))!.displayName).toBe(before);
    const changes = await t.store.listAccountChanges({ userId: person.id });
    expect(changes.filter((c) => c.what === 'display-name')).toEqual([]);
  });
});
