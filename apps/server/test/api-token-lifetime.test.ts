import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * An API token's lifetime: the form is told the server's default and maximum, and a lifetime past the
 * maximum is refused with that maximum in words, however long it is (not a schema message naming the
 * field and a limit the server does not have).
 */

const DAY = 24 * 3600_000;
let t: TestApp;
let server: Listener;

beforeAll(async () => {
  t = await makeApp({ publish: false, config: { apiTokenDefaultMs: 7 * DAY, apiTokenMaxMs: 60 * DAY } });
  server = await listen(t.app);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const headers = { ...(await t.session('front-desk')), 'content-type': 'application/json' };
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers of every shape, read as JSON
  return { status: res.status, body: (await res.json()) as any };
}

describe('API token lifetimes', () => {
  it('lists the default and the maximum with the tokens', async () => {
    const listed = await call('GET', '/api/tokens');
    expect(listed.status).toBe(200);
    expect(listed.body.lifetime).toEqual({ defaultDays: 7, maxDays: 60 });
  });

  it.each([61, 9999])('refuses %i days with the maximum in words', async (lifetimeDays) => {
    const refused = await call('POST', '/api/tokens', {
      name: 'nightly export',
      scope: 'read',
      lifetimeDays,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('TOKEN_LIFETIME_TOO_LONG');
    expect(refused.body.error.message).toBe('An API token may last at most 60 days');
  });
});
