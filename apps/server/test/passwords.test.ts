import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../src/auth/password.ts';
import { makeApp, type TestApp } from './support/app.ts';

/** Password storage and policy: scrypt at OWASP's parameters, at least 12 characters, long ones welcome. */

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
