import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * A live stream (GET /api/events) lasts no longer than the session or API token that opened it:
 * sign-out, disabling the account, the idle and absolute timeouts, and revoking a token end it, over
 * a real socket, and nothing is delivered after. Its response carries the same security headers as
 * every other response.
 */

const TRIAGE = 'portal-message-triage';
/** Who hears about a new portal message: its pool is the medical assistants'. */
const LISTENER = 'medical-assistant';

let t: TestApp;
let server: Listener;

beforeAll(async () => {
  t = await makeApp({ config: { liveAuthCheckMs: 50 } });
  server = await listen(t.app);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
});

interface Stream {
  status: number;
  headers: Headers;
  events: { event: string; data: string }[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  next(match: (e: { event: string; data: string }) => boolean, ms?: number): Promise<void>;
  close(): void;
}

async function connect(headers: Record<string, string>, base = server.base): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers, signal: controller.signal });
  const events: Stream['events'] = [];
  let buffer = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const fields: Record<string, string> = {};
          for (const line of buffer.slice(0, end).split('\n')) {
            const colon = line.indexOf(':');
            if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields.event !== undefined) events.push({ event: fields.event, data: fields.data ?? '' });
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    events,
    ended,
    async next(match, ms = 5000) {
      const deadline = Date.now() + ms;
      while (!events.some(match)) {
        if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => controller.abort(),
  };
}

/** Whether the stream ends within `ms` (generous: the server checks every 50 ms). */
async function endsWithin(stream: Stream, ms = 5000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const ended = await Promise.race([stream.ended.then(() => true as const), late]);
  clearTimeout(timer);
  return ended;
}

const changed = (id: string) => (e: { event: string; data: string }) =>
  e.event === 'instance.changed' && JSON.parse(e.data).instanceId === id;

async function newMessage(): Promise<string> {
  const started = await t.call('POST', '/api/instances', {
    as: await t.login('lead'),
    body: { definitionId: TRIAGE, data: exampleStart(TRIAGE) },
  });
  expect(started.status, started.text).toBe(201);
  await t.feed.poll();
  return started.body.instance.id;
}

/** A stream of a fresh session of LISTENER that has heard one change, so it is surely live. */
async function liveStream(as?: AuthHeaders): Promise<{ as: AuthHeaders; stream: Stream }> {
  const headers = as ?? (await t.login(LISTENER));
  const stream = await connect(headers);
  expect(stream.status).toBe(200);
  const id = await newMessage();
  await stream.next(changed(id));
  return { as: headers, stream };
}

/** After the credential ended: a change made now never reaches the stream, which ends. */
async function expectEndedForGood(stream: Stream): Promise<void> {
  const after = await newMessage();
  expect(await endsWithin(stream)).toBe(true);
  expect(stream.events.filter(changed(after))).toEqual([]);
}

describe('the live stream ends with its credential', { timeout: 60_000 }, () => {
  it('sign-out ends it, and nothing is delivered after', async () => {
    const { as, stream } = await liveStream();
    expect((await t.call('POST', '/api/auth/logout', { as })).status).toBe(200);
    await expectEndedForGood(stream);
  });

  it('disabling the account ends it, and nothing is delivered after', async () => {
    const user = await t.addUser('leaving-assistant', [LISTENER]);
    const { stream } = await liveStream(await t.login('leaving-assistant'));
    const disabled = await t.call('PATCH', `/api/users/${user.id}`, {
      as: await t.login('admin'),
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    await expectEndedForGood(stream);
  });

  it('a change of roles ends it (its audience came from the old roles)', async () => {
    const user = await t.addUser('moving-assistant', [LISTENER]);
    const { stream } = await liveStream(await t.login('moving-assistant'));
    const moved = await t.call('PATCH', `/api/users/${user.id}`, {
      as: await t.login('admin'),
      body: { roles: ['scheduler'] },
    });
    expect(moved.status).toBe(200);
    await expectEndedForGood(stream);
  });

  it('the idle timeout ends it, and nothing is delivered after', async () => {
    const { stream } = await liveStream();
    t.clock.advance(t.deps.config.sessionIdleMs + 1000);
    await expectEndedForGood(stream);
  });

  it('a session kept in use keeps its stream past the idle time', async () => {
    const { as, stream } = await liveStream();
    const half = t.deps.config.sessionIdleMs / 2 + 60_000;
    t.clock.advance(half);
    expect((await t.call('GET', '/api/me', { as })).status).toBe(200);
    t.clock.advance(half);
    const id = await newMessage();
    await stream.next(changed(id));
    expect(await endsWithin(stream, 300)).toBe(false);
    stream.close();
  });

  it('the absolute timeout ends it', async () => {
    const { as, stream } = await liveStream();
    const step = t.deps.config.sessionIdleMs / 2;
    const end = Date.parse(t.clock.now()) + t.deps.config.sessionAbsoluteMs;
    while (Date.parse(t.clock.now()) + step < end) {
      t.clock.advance(step);
      expect((await t.call('GET', '/api/me', { as })).status).toBe(200);
    }
    t.clock.advance(step);
    await expectEndedForGood(stream);
  });

  it('revoking an API token ends a stream opened with it, even when done elsewhere (in the store)', async () => {
    const user = await t.addUser('integration-assistant', [LISTENER]);
    const expiresAt = new Date(Date.parse(t.clock.now()) + 24 * 3600_000).toISOString();
    const { secret, token } = await t.store.createApiToken({ userId: user.id, name: 'wallboard', expiresAt });
    const { stream } = await liveStream({ authorization: `Bearer ${secret}` });
    await t.store.revokeApiToken(token.id);
    expect(await endsWithin(stream)).toBe(true);
  });

  it('an API token that expires ends a stream opened with it, and nothing is delivered after', async () => {
    const user = await t.addUser('kiosk-assistant', [LISTENER]);
    const expiresAt = new Date(Date.parse(t.clock.now()) + 3600_000).toISOString();
    const { secret } = await t.store.createApiToken({ userId: user.id, name: 'kiosk', expiresAt });
    const { stream } = await liveStream({ authorization: `Bearer ${secret}` });
    t.clock.advance(3600_000 + 1000);
    await expectEndedForGood(stream);
  });

  it('a password reset by an admin ends it', async () => {
    const user = await t.addUser('reset-assistant', [LISTENER]);
    const { stream } = await liveStream(await t.login('reset-assistant'));
    const reset = await t.call('PATCH', `/api/users/${user.id}`, {
      as: await t.login('admin'),
      body: { password: 'a fresh passphrase for monday' },
    });
    expect(reset.status).toBe(200);
    await expectEndedForGood(stream);
  });
});

describe('a change of your own account ends your other streams at once, not at the next check', () => {
  let slow: TestApp;
  let slowServer: Listener;
  beforeAll(async () => {
    // Checks every ten minutes: only the re-check after the request can end the stream in time.
    slow = await makeApp({ config: { liveAuthCheckMs: 600_000 } });
    slowServer = await listen(slow.app);
  }, 60_000);
  afterAll(async () => {
    await slowServer?.close();
    await slow?.close();
  });

  const send = (as: AuthHeaders, method: string, path: string, body?: unknown) =>
    fetch(`${slowServer.base}${path}`, {
      method,
      headers: { ...as, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('a new password of your own, set in another browser', async () => {
    await slow.addUser('own-password-assistant', [LISTENER]);
    const stream = await connect(await slow.login('own-password-assistant'), slowServer.base);
    expect(stream.status).toBe(200);
    const desk = await slow.login('own-password-assistant');
    const changed = await send(desk, 'POST', '/api/me/password', {
      currentPassword: 'correct horse battery staple',
      newPassword: 'a quiet harbour at dawn',
    });
    expect(changed.status).toBe(200);
    expect(await endsWithin(stream, 2000)).toBe(true);
  });

  it('one of your sessions signed out from another browser', async () => {
    await slow.addUser('own-session-assistant', [LISTENER]);
    const tablet = await slow.login('own-session-assistant');
    const stream = await connect(tablet, slowServer.base);
    expect(stream.status).toBe(200);
    const desk = await slow.login('own-session-assistant');
    const listed = (await (await send(desk, 'GET', '/api/me/sessions')).json()) as {
      sessions: Array<{ id: string; current: boolean }>;
    };
    const others = listed.sessions.filter((s) => !s.current);
    expect(others).toHaveLength(1);
    expect((await send(desk, 'DELETE', `/api/me/sessions/${encodeURIComponent(others[0]!.id)}`)).status).toBe(
      200,
    );
    expect(await endsWithin(stream, 2000)).toBe(true);
  });
});

describe('the live stream response', () => {
  it('carries the same security headers as other API responses', async () => {
    const as = await t.login(LISTENER);
    const me = await fetch(`${server.base}/api/me`, { headers: as });
    expect(me.status).toBe(200);
    const stream = await connect(as);
    try {
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      const names = [
        'content-security-policy',
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'permissions-policy',
        'referrer-policy',
        'x-content-type-options',
        'x-frame-options',
        'cache-control',
      ];
      for (const name of names) {
        expect(me.headers.get(name), name).not.toBeNull();
        expect(stream.headers.get(name), name).toBe(me.headers.get(name));
      }
    } finally {
      stream.close();
    }
  });
});
