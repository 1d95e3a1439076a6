import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';

/**
 * Asking for a pool one does not hold is refused in the words the person's screens use: the role's
 * title ("Triage nurse (RN)"), not its id, and the refusal is logged.
 */
let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ users: [{ username: 'front-desk', roles: ['front-desk'] }] });
});
afterAll(async () => {
  await t?.close();
});

describe("a pool's list refused to someone not in it", () => {
  it('names the role by its title', async () => {
    const fd = await t.login('front-desk');
    const res = await t.call('GET', '/api/tasks?role=triage-nurse', { as: fd });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.message).toBe('You do not hold the role Triage nurse (RN)');
  });
});
