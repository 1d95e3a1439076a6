import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.ts';
import { makeApp, PASSWORD, type TestApp } from './support/app.ts';
import { type Listener, listen, postJson, setCookie } from './support/listen.ts';

/**
 * Emergency access reads every patient's workflow, so a password alone must not reach it: a holder
 * of the break-glass role signs in with a second factor, like admins, designers and auditors.
 */

let t: TestApp;
let server: Listener;

beforeAll(async () => {
  // The server's own default roles, not a test's choice.
  t = await makeApp({
    users: [{ username: 'on-call', roles: ['provider', 'break-glass'] }],
    publish: false,
    config: { totpRoles: defaultConfig().totpRoles },
  });
  server = await listen(t.app);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('break-glass holders sign in with two factors', { timeout: 60_000 }, () => {
  it('a password alone leads to setting up an authenticator, and reaches no emergency access', async () => {
    const signedIn = await postJson(`${server.base}/api/auth/login`, {
      username: 'on-call',
      password: PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.stage).toBe('enroll');
    const asked = await postJson(
      `${server.base}/api/emergency-access`,
      { reason: 'Patient in the emergency room, chart needed', minutes: 30 },
      { cookie: setCookie(signedIn.headers, 'pf_session') ?? '', 'x-csrf-token': signedIn.body.csrfToken },
    );
    expect({ status: asked.status, code: asked.body.error.code }).toEqual({
      status: 403,
      code: 'TOTP_ENROLLMENT_REQUIRED',
    });
  });
});
