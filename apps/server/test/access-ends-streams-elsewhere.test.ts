// Two real server processes on one libSQL file, as behind a load balancer: a person's live stream is
// held by one process and their access ends through the other (disabled, signed out, signed out
// everywhere, a new password, a token revoked), or their roles change there (an admin's edit, a staff
// list import, a single sign-on whose directory groups now map to other roles). The stream ends within
// moments (the news reaches the other process through the change feed), not at that process's next
// periodic check of its streams; and the colleague listening there hears a returned task arrive. A
// session that runs out of idle time ends its stream when it runs out, with no request anywhere.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, PASSWORD, type TestApp } from './support/app.ts';
import { CookieJar } from './support/cookie-jar.ts';
import { type Listener, listen } from './support/listen.ts';
import { killAllServers, type ServerProcess, spawnReady, spawnServer } from './support/processes.ts';
import { signInThroughProvider, ssoWorld } from './support/sso-world.ts';

const TRIAGE = 'portal-message-triage';
const POOL = 'medical-assistant';
/** Well under the other process's periodic check of its streams (5 s by default). */
const PROMPT_MS = 1500;

let t: TestApp;
/** The process the admin uses. */
let here: Listener;
/** The other process, where the streams are held. */
let there: ServerProcess;

beforeAll(async () => {
  // On the wall clock: the other process reads sessions with its own clock.
  t = await makeApp({ start: new Date().toISOString() });
  here = await listen(t.app);
  there = await spawnServer({ databaseUrl: t.dbUrl, processId: 'proc-streams' });
}, 90_000);
afterAll(async () => {
  await killAllServers();
  await here?.close();
  await t?.close();
});

interface Stream {
  status: number;
  /** Each event's name and data, as it arrived. */
  frames: Array<{ event: string; data: string }>;
  /** Resolves, with performance.now(), when the server ends the stream. */
  ended: Promise<number>;
  close(): void;
}

async function openStream(base: string, as: AuthHeaders): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: as, signal: controller.signal });
  const frames: Stream['frames'] = [];
  let buffer = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return performance.now();
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const event = /^event: (.+)$/m.exec(block)?.[1];
          if (event !== undefined) frames.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
        }
      }
    } catch {
      // Aborted by close().
      return Number.POSITIVE_INFINITY;
    }
  })();
  return { status: res.status, frames, ended, close: () => controller.abort() };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

async function send(as: AuthHeaders, method: string, path: string, body?: unknown, base = here.base) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

describe('disabling a person whose live stream another process holds', () => {
  it('ends that stream within moments, and the pool there hears the returned task', async () => {
    const [admin, lead, colleague] = await Promise.all([t.login('admin'), t.login('lead'), t.login(POOL)]);
    await t.addUser('jane-elsewhere', [POOL]);
    const jane = await t.login('jane-elsewhere');
    const janeId = t.user('jane-elsewhere').id;
    const started = await send(lead, 'POST', '/api/instances', {
      definitionId: TRIAGE,
      data: exampleStart(TRIAGE),
    });
    expect(started.status, started.text).toBe(201);
    const instanceId: string = started.body.instance.id;
    const taskId: string = started.body.instance.active[0].taskId;
    expect((await send(jane, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/claim`)).status).toBe(200);

    const janes = await openStream(there.url, jane);
    const pool = await openStream(there.url, colleague);
    try {
      expect([janes.status, pool.status]).toEqual([200, 200]);
      expect(await until(() => janes.frames.some((f) => f.event === 'ready'), 5000)).toBe(true);
      expect(await until(() => pool.frames.some((f) => f.event === 'ready'), 5000)).toBe(true);

      const sentAt = performance.now();
      const disabled = await send(admin, 'PATCH', `/api/users/${janeId}`, { disabled: true });
      expect(disabled.status, disabled.text).toBe(200);
      expect(disabled.body.tasksReturned).toBe(1);
      const endedAt = await Promise.race([
        janes.ended,
        new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), 8000)),
      ]);
      const took = endedAt - sentAt;
      console.log(`stream on the other process ended ${took.toFixed(0)} ms after the disable was sent`);
      expect(took).toBeLessThan(PROMPT_MS);

      // The colleague on the other process hears the task come back to the pool: ids only.
      const returned = (f: { event: string; data: string }) =>
        f.event === 'instance.changed' && JSON.parse(f.data).instanceId === instanceId;
      expect(await until(() => pool.frames.some(returned), 3000)).toBe(true);
      expect(Object.keys(JSON.parse(pool.frames.filter(returned).at(-1)!.data)).sort()).toEqual([
        'definitionId',
        'instanceId',
        'practice',
        'revision',
        'status',
        'type',
      ]);
      // The colleague's own stream goes on.
      expect(
        await Promise.race([pool.ended, new Promise((resolve) => setTimeout(() => resolve('open'), 300))]),
      ).toBe('open');
    } finally {
      janes.close();
      pool.close();
    }
  }, 60_000);
});

/** When the stream ended, or +Infinity if it is still open after `ms`. */
const endedWithin = (stream: Stream, ms: number) =>
  Promise.race([
    stream.ended,
    new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), ms)),
  ]);

/** A stream on the other process that has said `ready`, so it is surely open. */
async function readyStream(as: AuthHeaders, base = there.url): Promise<Stream> {
  const stream = await openStream(base, as);
  expect(stream.status).toBe(200);
  expect(await until(() => stream.frames.some((f) => f.event === 'ready'), 5000)).toBe(true);
  return stream;
}

/** The ids of a person's sessions, as an admin lists them. */
async function sessionIds(admin: AuthHeaders, userId: string): Promise<string[]> {
  const listed = await send(admin, 'GET', `/api/users/${userId}/sessions`);
  expect(listed.status, listed.text).toBe(200);
  return listed.body.sessions.map((s: { id: string }) => s.id);
}

interface Ending {
  /** The stream to end, on the other process, and streams of the same person that go on. */
  streams: { ends: AuthHeaders; stays?: AuthHeaders };
  /** The action, through this process; answers its HTTP status. */
  act(): Promise<number>;
}

/** Each way a person's access ends, set up for a fresh person holding a medical assistant's role. */
const endings: Record<string, (username: string) => Promise<Ending>> = {
  'signing out': async (username) => {
    const browser = await t.login(username);
    return {
      streams: { ends: browser },
      act: async () => (await send(browser, 'POST', '/api/auth/logout')).status,
    };
  },
  '“Sign out everywhere else”': async (username) => {
    const [tablet, desk] = [await t.login(username), await t.login(username)];
    return {
      streams: { ends: tablet, stays: desk },
      act: async () => (await send(desk, 'DELETE', '/api/me/sessions')).status,
    };
  },
  'signing out one of your sessions from another browser': async (username) => {
    const tablet = await t.login(username);
    const admin = await t.login('admin');
    const [tabletSession] = await sessionIds(admin, t.user(username).id);
    const desk = await t.login(username);
    return {
      streams: { ends: tablet, stays: desk },
      act: async () =>
        (await send(desk, 'DELETE', `/api/me/sessions/${encodeURIComponent(tabletSession!)}`)).status,
    };
  },
  'an admin’s “Sign out everywhere”': async (username) => {
    const [browser, admin] = [await t.login(username), await t.login('admin')];
    return {
      streams: { ends: browser },
      act: async () => (await send(admin, 'DELETE', `/api/users/${t.user(username).id}/sessions`)).status,
    };
  },
  'an admin ending one session': async (username) => {
    const [browser, admin] = [await t.login(username), await t.login('admin')];
    const [session] = await sessionIds(admin, t.user(username).id);
    return {
      streams: { ends: browser },
      act: async () =>
        (
          await send(
            admin,
            'DELETE',
            `/api/users/${t.user(username).id}/sessions/${encodeURIComponent(session!)}`,
          )
        ).status,
    };
  },
  'a new password of their own, set in another browser': async (username) => {
    const [tablet, desk] = [await t.login(username), await t.login(username)];
    return {
      streams: { ends: tablet },
      act: async () =>
        (
          await send(desk, 'POST', '/api/me/password', {
            currentPassword: PASSWORD,
            newPassword: 'a quiet harbour at dawn',
          })
        ).status,
    };
  },
  'a password reset with a one-time code': async (username) => {
    const [browser, admin] = [await t.login(username), await t.login('admin')];
    const issued = await send(admin, 'POST', `/api/users/${t.user(username).id}/set-password-code`);
    expect(issued.status, issued.text).toBe(201);
    return {
      streams: { ends: browser },
      act: async () =>
        (
          await send({}, 'POST', '/api/auth/set-password', {
            username,
            code: issued.body.setPasswordCode,
            password: 'a quiet harbour at dawn',
          })
        ).status,
    };
  },
  'its owner revoking the API token the stream was opened with': async (username) => {
    const [browser, token] = [await t.login(username), await t.token(username)];
    const [mine] = (await send(browser, 'GET', '/api/tokens')).body.tokens as Array<{ id: string }>;
    return {
      streams: { ends: token, stays: browser },
      act: async () => (await send(browser, 'DELETE', `/api/tokens/${mine!.id}`)).status,
    };
  },
  'an admin revoking the API token the stream was opened with': async (username) => {
    const [browser, token, admin] = [
      await t.login(username),
      await t.token(username),
      await t.login('admin'),
    ];
    const id = t.user(username).id;
    const [theirs] = (await send(admin, 'GET', `/api/users/${id}/tokens`)).body.tokens as Array<{
      id: string;
    }>;
    return {
      streams: { ends: token, stays: browser },
      act: async () => (await send(admin, 'DELETE', `/api/users/${id}/tokens/${theirs!.id}`)).status,
    };
  },
  // The stream was opened under the old roles: what it may hear was worked out from them.
  'an admin changing their roles': async (username) => {
    const [browser, admin] = [await t.login(username), await t.login('admin')];
    return {
      streams: { ends: browser },
      act: async () =>
        (await send(admin, 'PATCH', `/api/users/${t.user(username).id}`, { roles: ['front-desk'] })).status,
    };
  },
  'a staff list import that changes their roles': async (username) => {
    const [browser, admin] = [await t.login(username), await t.login('admin')];
    const csv = `username,display name,roles\n${username},${username},front-desk`;
    return {
      streams: { ends: browser },
      act: async () => {
        const applied = await send(admin, 'POST', '/api/users/import', { csv });
        expect(applied.body.rows?.[0]?.outcome, applied.text).toBe('updated');
        return applied.status;
      },
    };
  },
};

describe('a person’s access ending through one process ends their live stream on the other within moments', () => {
  let n = 0;
  for (const [name, setUp] of Object.entries(endings)) {
    it(name, async () => {
      const username = `assistant-${++n}`;
      await t.addUser(username, [POOL]);
      const ending = await setUp(username);
      const ends = await readyStream(ending.streams.ends);
      const stays = ending.streams.stays ? await readyStream(ending.streams.stays) : null;
      try {
        expect(await ending.act()).toBe(200);
        // From the answer: access has ended by then (a new password first takes its hashing time).
        const answeredAt = performance.now();
        const took = (await endedWithin(ends, 8000)) - answeredAt;
        console.log(`${name}: the stream on the other process ended ${took.toFixed(0)} ms after the answer`);
        expect(took).toBeLessThan(PROMPT_MS);
        // What still works keeps its stream.
        if (stays) expect(await endedWithin(stays, 300)).toBe(Number.POSITIVE_INFINITY);
      } finally {
        ends.close();
        stays?.close();
      }
    }, 60_000);
  }
});

describe('single sign-on giving a person other roles through one process', () => {
  it('ends the stream they opened under the old roles on the other process within moments', async () => {
    const w = await ssoWorld();
    // On the wall clock, as the other process reads the sessions.
    w.t.clock.set(new Date().toISOString());
    const other = await spawnServer({ databaseUrl: w.t.dbUrl, processId: 'proc-sso-streams' });
    try {
      await w.mapGroups({ 'clinic-assistants': [POOL], billing: ['billing-specialist'] });
      w.addAccount({
        sub: 'p-kim',
        email: 'kim@clinic.example',
        emailVerified: true,
        groups: ['clinic-assistants'],
      });
      const tablet = new CookieJar();
      await signInThroughProvider(w, tablet, { email: 'kim@clinic.example' });
      const stream = await readyStream({ cookie: tablet.header(w.base) }, other.url);
      try {
        // The directory moves Kim to billing; her next sign-in, on the desk computer, maps the new roles.
        w.idp.accounts.get('kim@clinic.example')!.groups = ['billing'];
        const { landing } = await signInThroughProvider(w, new CookieJar(), { email: 'kim@clinic.example' });
        const answeredAt = performance.now();
        expect(landing?.pathname).toBe('/');
        const took = (await endedWithin(stream, 8000)) - answeredAt;
        console.log(
          `single sign-on with new roles: the stream elsewhere ended ${took.toFixed(0)} ms after it`,
        );
        expect(took).toBeLessThan(PROMPT_MS);
      } finally {
        stream.close();
      }
    } finally {
      await other.stop();
      await w.close();
    }
  }, 90_000);
});

describe('a session running out of idle time', () => {
  /** A process whose sessions end after this long without use. */
  const IDLE_MS = 1500;
  let brief: ServerProcess;
  beforeAll(async () => {
    const entry = fileURLToPath(new URL('./support/serve-entry.ts', import.meta.url));
    brief = await spawnReady(entry, {
      DATABASE_URL: t.dbUrl,
      PORT: '0',
      QUIET: '0',
      PROCESS_ID: 'proc-brief-sessions',
      PORTALFLOW_SESSION_IDLE_MINUTES: String(IDLE_MS / 60_000),
    });
  }, 90_000);

  it('ends its stream when it runs out, not at the next periodic check', async () => {
    await t.addUser('idle-assistant', [POOL]);
    // Signed in on that process, on its own clock: the session is last used between these two times.
    const sentAt = performance.now();
    const signedIn = await fetch(`${brief.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'idle-assistant', password: PASSWORD }),
    });
    expect(signedIn.status).toBe(200);
    const idleEnd = performance.now() + IDLE_MS;
    const earliestEnd = sentAt + IDLE_MS;
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('pf_session='))!;
    const stream = await readyStream({ cookie }, brief.url);
    try {
      const endedAt = await endedWithin(stream, 10_000);
      const late = endedAt - idleEnd;
      console.log(`idle session: the stream ended ${late.toFixed(0)} ms after the session's idle end`);
      // Not before it ran out (the few ms are the two processes' clocks and timers).
      expect(endedAt - earliestEnd).toBeGreaterThan(-20);
      expect(late).toBeLessThan(PROMPT_MS);
    } finally {
      stream.close();
    }
  }, 60_000);
});
