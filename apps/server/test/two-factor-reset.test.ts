import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * An admin resets a person's two-factor sign-in (a lost phone): the account list says it waits for
 * setup and who reset it when; there is nothing to reset again until the person has set it up, so a
 * second reset (or two at once) is refused with a code; the person is told why they set it up again.
 */

let t: TestApp;
let listener: Listener | undefined;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

async function send(method: string, path: string, as: AuthHeaders, body?: unknown) {
  const res = await fetch(`${listener!.base}${path}`, {
    method,
    headers: body === undefined ? as : { ...as, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

const reset = (admin: AuthHeaders, userId: string) =>
  send('PATCH', `/api/users/${userId}`, admin, { resetTwoFactor: true });

async function accountOf(admin: AuthHeaders, userId: string) {
  const listed = await send('GET', '/api/users', admin);
  expect(listed.status, listed.text).toBe(200);
  return listed.body.users.find((u: { id: string }) => u.id === userId);
}

/** A person whose roles need two-factor sign-in, signed in once so it is set up. */
async function enrolledPerson(username: string) {
  await t.addUser(username, ['auditor']);
  await t.login(username);
  return t.user(username).id;
}

describe('resetting a person’s two-factor sign-in', () => {
  it('the list says it waits for setup, by whom and when; a second reset is refused until it is set up again', async () => {
    const admin = await t.login('admin');
    const id = await enrolledPerson('reset-once');
    expect(await accountOf(admin, id)).toMatchObject({ twoFactor: true, twoFactorReset: null });

    const first = await reset(admin, id);
    expect(first.status, first.text).toBe(200);
    const resetAt = t.clock.now();
    expect(await accountOf(admin, id)).toMatchObject({
      twoFactor: false,
      twoFactorReset: { at: resetAt, byName: 'admin' },
    });

    t.clock.advance(60_000);
    const second = await reset(admin, id);
    expect(second.status, second.text).toBe(409);
    expect(second.body.error.code).toBe('TWO_FACTOR_NOT_SET_UP');
    expect(second.body.error.message).toMatch(/set up/);
    const trail = await t.store.listAccountChanges({ userId: id });
    expect(trail.filter((c) => c.what === 'two-factor')).toHaveLength(1);

    // The person is told why: their setup page reads the reset's date from /api/me.
    const step = await t.passwordOnly('reset-once');
    expect(step.stage).toBe('enroll');
    const { stage: _stage, ...as } = step;
    const me = await send('GET', '/api/me', as);
    expect(me.body.twoFactor).toMatchObject({ enrolled: false, resetAt });

    // Set up again: the list says so, and the next reset works.
    await t.login('reset-once');
    expect(await accountOf(admin, id)).toMatchObject({ twoFactor: true, twoFactorReset: null });
    const third = await reset(admin, id);
    expect(third.status, third.text).toBe(200);
  });

  it('a person who never set it up has nothing to reset, and is not told an admin reset it', async () => {
    const admin = await t.login('admin');
    await t.addUser('never-set-up', ['auditor']);
    const id = t.user('never-set-up').id;
    const refused = await reset(admin, id);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.code).toBe('TWO_FACTOR_NOT_SET_UP');
    expect(await accountOf(admin, id)).toMatchObject({ twoFactor: false, twoFactorReset: null });
    const { stage, ...as } = await t.passwordOnly('never-set-up');
    expect(stage).toBe('enroll');
    expect((await send('GET', '/api/me', as)).body.twoFactor.resetAt).toBe(null);
  });

  it('two admins resetting at the same moment: one reset wins, the other hears 409', async () => {
    await t.addUser('admin-two', ['admin']);
    const [one, two] = [await t.login('admin'), await t.login('admin-two')];
    const id = await enrolledPerson('reset-twice');
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all([reset(one, id), reset(two, id)]);
      expect(answers.map((a) => a.status).sort(), answers.map((a) => a.text).join('\n')).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('TWO_FACTOR_NOT_SET_UP');
      const resets = (await t.store.listAccountChanges({ userId: id })).filter(
        (c) => c.what === 'two-factor',
      );
      expect(resets).toHaveLength(round + 1);
      await t.login('reset-twice');
    }
  });
});
