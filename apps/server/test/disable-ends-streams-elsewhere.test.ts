// Two real server processes on one libSQL file, as behind a load balancer: a person's live stream is
// held by one process and an admin disables them through the other. The stream ends within moments
// (the disable reaches the other process through the change feed), not at that process's next
// periodic check of its streams; and the colleague listening there hears the returned task arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';
import { killAllServers, type ServerProcess, spawnServer } from './support/processes.ts';

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

async function send(as: AuthHeaders, method: string, path: string, body?: unknown) {
  const res = await fetch(`${here.base}${path}`, {
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
