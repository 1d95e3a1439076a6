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
});
