import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Revoking a token (or ending a session) while requests with it are in flight, over a real socket: once
 * the revoke has been answered, no request sent with the token succeeds, though the server keeps
 * credentials it has resolved (they end with the authorization counter). Requests already under way when it was
 * revoked end either way (done before the revoke, or refused), never with a server error.
 */

const TRIAGE = 'portal-message-triage';

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
  return { status: res.status, text: await res.text() };
}

describe('revoking a token under load', () => {
  it.each([
    ['the owner', 'owner'],
    ['an admin', 'admin'],
  ] as const)(
    'by %s: 50 requests in flight, and none sent after the revoke answered succeeds',
    async (_, by) => {
      const owner = await t.addUser(`burst-${by}`, ['medical-assistant']);
      const session = await t.login(owner.username);
      const made = await send('POST', '/api/tokens', session, { name: 'burst', scope: 'act' });
      expect(made.status, made.text).toBe(201);
      const { token, secret } = JSON.parse(made.text);
      const bearer = { authorization: `Bearer ${secret}` };
      const instancesBefore = (await t.store.listInstances({ limit: 500 })).items.length;

      // Reads and writes with the token, all released together; the revoke goes out among them.
      const inFlight = Array.from({ length: 50 }, (_, k) =>
        k % 5 === 0
          ? send('POST', '/api/instances', bearer, { definitionId: TRIAGE, data: exampleStart(TRIAGE) })
          : send('GET', '/api/tasks', bearer),
      );
      const revoked =
        by === 'owner'
          ? await send('DELETE', `/api/tokens/${token.id}`, session)
          : await send('DELETE', `/api/users/${owner.id}/tokens/${token.id}`, await t.login('admin'));
      expect(revoked.status, revoked.text).toBe(200);

      const after = await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          k % 5 === 0
            ? send('POST', '/api/instances', bearer, { definitionId: TRIAGE, data: exampleStart(TRIAGE) })
            : send('GET', '/api/tasks', bearer),
        ),
      );
      expect(after.map((r) => r.status)).toEqual(after.map(() => 401));

      const during = await Promise.all(inFlight);
      for (const r of during) expect([200, 201, 401], r.text).toContain(r.status);
      // Every write the token got through is one it was told about; nothing more was recorded.
      const written = during.filter((r) => r.status === 201).length;
      expect((await t.store.listInstances({ limit: 500 })).items.length).toBe(instancesBefore + written);
    },
  );
});

describe('ending a session under load', () => {
  it.each([
    ['signs out', 'logout'],
    ['is disabled by an admin', 'disable'],
  ] as const)(
    'when its owner %s: 50 requests in flight, and none sent after it ended succeeds',
    async (_, how) => {
      const person = await t.addUser(`session-burst-${how}`, ['medical-assistant']);
      const session = await t.login(person.username);
      // The session has answered before, so every process may keep it.
      expect((await send('GET', '/api/tasks', session)).status).toBe(200);
      const instancesBefore = (await t.store.listInstances({ limit: 500 })).items.length;

      const inFlight = Array.from({ length: 50 }, (_, k) =>
        k % 5 === 0
          ? send('POST', '/api/instances', session, { definitionId: TRIAGE, data: exampleStart(TRIAGE) })
          : send('GET', '/api/tasks', session),
      );
      const ended =
        how === 'logout'
          ? await send('POST', '/api/auth/logout', session)
          : await send('PATCH', `/api/users/${person.id}`, await t.login('admin'), { disabled: true });
      expect(ended.status, ended.text).toBe(200);

      const after = await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          k % 5 === 0
            ? send('POST', '/api/instances', session, { definitionId: TRIAGE, data: exampleStart(TRIAGE) })
            : send('GET', '/api/tasks', session),
        ),
      );
      expect(after.map((r) => r.status)).toEqual(after.map(() => 401));

      const during = await Promise.all(inFlight);
      for (const r of during) expect([200, 201, 401, 403], r.text).toContain(r.status);
      const written = during.filter((r) => r.status === 201).length;
      expect((await t.store.listInstances({ limit: 500 })).items.length).toBe(instancesBefore + written);
    },
  );
});
