import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD as E2E_PASSWORD } from '../../web/e2e/support/server.ts';
import { hashPassword, verifyPassword } from '../src/auth/password.ts';
import { passwordProblem } from '../src/auth/password-rule.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { DEMO_USERS, makeApp, PASSWORD, type TestApp } from './support/app.ts';

/**
 * Password storage and the password rule (ASVS 5.0 §6.2): scrypt at OWASP's parameters; at least 12
 * characters, long ones welcome; not only whitespace, not a common password (a bundled list), not one
 * with digits or symbols added, not containing the username — for new accounts, admin resets and the
 * demo password alike.
 */

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ users: [{ username: 'admin', roles: ['admin'] }], publish: false });
});
afterAll(() => t?.close());

describe('passwords', () => {
  it('are stored with scrypt (N=2^15, r=8, p=1) and a random salt, and verified exactly as typed', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('Correct horse battery staple', a)).toBe(false);
    expect(await verifyPassword('correct horse battery stapl', a)).toBe(false);
  }, 30_000);

  it('must be at least 12 characters; passwords of 64 and more are accepted, any characters', async () => {
    const admin = await t.login('admin');
    const create = (username: string, password: string) =>
      t.call('POST', '/api/users', { as: admin, body: { username, password, roles: ['auditor'] } });
    const short = await create('short-pass', 'eleven-char');
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('PASSWORD_TOO_WEAK');
    expect(short.body.error.message).toMatch(/12 characters/);
    const long = 'ünïcødé 🔑 '.repeat(10);
    expect(long.length).toBeGreaterThan(64);
    expect((await create('long-pass', long)).status).toBe(201);
    const login = await t.call('POST', '/api/auth/login', {
      body: { username: 'long-pass', password: long },
    });
    expect(login.status).toBe(200);
  }, 30_000);
});

describe('the password rule', () => {
  const weak: Array<[string, RegExp]> = [
    [' '.repeat(12), /only spaces/],
    ['\t'.repeat(6) + ' '.repeat(8), /only spaces/],
    ['password1234', /most common/],
    ['Password1234!', /common password with digits or symbols/],
    ['Summer2024!!!!', /common password with digits or symbols/],
    ['123456789012', /most common|run/],
    ['abcdefghijklm', /run/],
    ['qwertyqwerty', /repeated|most common/],
    ['aaaaaaaaaaaaaaaa', /different characters/],
    ['my portalflow password', /product name/],
  ];

  it('refuses weak new passwords with 400 PASSWORD_TOO_WEAK saying why, and creates nothing', async () => {
    const admin = await t.login('admin');
    const before = (await t.store.listUsers()).length;
    for (const [password, why] of weak) {
      const res = await t.call('POST', '/api/users', {
        as: admin,
        body: { username: 'new-hire', password, roles: ['front-desk'] },
      });
      expect(res.status, JSON.stringify(password)).toBe(400);
      expect(res.body.error.code).toBe('PASSWORD_TOO_WEAK');
      expect(res.body.error.message, JSON.stringify(password)).toMatch(why);
    }
    const named = await t.call('POST', '/api/users', {
      as: admin,
      body: { username: 'jsmith', password: 'jsmith at the front desk', roles: ['front-desk'] },
    });
    expect(named.status).toBe(400);
    expect(named.body.error.message).toMatch(/username/);
    expect((await t.store.listUsers()).length).toBe(before);
  }, 30_000);

  it('applies to an admin reset too; a refused reset leaves the old password working', async () => {
    const admin = await t.login('admin');
    const made = await t.call('POST', '/api/users', {
      as: admin,
      body: { username: 'reset-me', password: PASSWORD, roles: ['auditor'] },
    });
    expect(made.status).toBe(201);
    for (const password of [' '.repeat(12), 'password1234', 'reset-me-please-now']) {
      const res = await t.call('PATCH', `/api/users/${made.body.user.id}`, { as: admin, body: { password } });
      expect(res.status, password).toBe(400);
      expect(res.body.error.code).toBe('PASSWORD_TOO_WEAK');
    }
    const login = await t.call('POST', '/api/auth/login', {
      body: { username: 'reset-me', password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const good = await t.call('PATCH', `/api/users/${made.body.user.id}`, {
      as: admin,
      body: { password: 'tulips under the kitchen window' },
    });
    expect(good.status).toBe(200);
  }, 30_000);

  it('ships a list of at least 10,000 common passwords', () => {
    const list = readFileSync(new URL('../src/auth/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(list.length).toBeGreaterThanOrEqual(10_000);
    for (const p of ['123456', 'password', 'qwerty', 'iloveyou', 'letmein']) expect(list).toContain(p);
    // Every entry long enough to pass the length rule is refused as it is.
    for (const p of list.filter((p) => [...p].length >= 12)) expect(passwordProblem(p), p).not.toBeNull();
  });

  it('the passwords the tests and the browser tests use obey it', () => {
    const usernames = DEMO_USERS.map((u) => u.username);
    expect(passwordProblem(PASSWORD, usernames)).toBeNull();
    expect(passwordProblem(E2E_PASSWORD, usernames)).toBeNull();
  });

  it('the demo password obeys it: a weak PORTALFLOW_DEMO_PASSWORD is refused, a generated one passes', async () => {
    const demo = await makeApp({ publish: false, users: [] });
    try {
      for (const weakOne of ['password1234', ' '.repeat(12), 'admin-demo-password']) {
        await expect(seedDemo(demo.store, demo.instances, demo.clock.now, weakOne)).rejects.toThrow(
          /PORTALFLOW_DEMO_PASSWORD is too weak/,
        );
      }
      // Refused before anything was written.
      expect(await demo.store.listUsers()).toEqual([]);
      expect(await demo.store.listDefinitions()).toEqual([]);
      const seeded = await seedDemo(demo.store, demo.instances, demo.clock.now);
      expect(seeded.generated).toBe(true);
      expect(passwordProblem(seeded.password!, seeded.users)).toBeNull();
    } finally {
      await demo.close();
    }
  }, 60_000);
});
