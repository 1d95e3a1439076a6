import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * Live updates over a real socket: Server-Sent Events reach the users whose queues changed and
 * nobody else, and say only what changed (ids, status), never patient data.
 */

const SUBJECT = 'Chest tightness after climbing stairs';
const PATIENT = 'DEMO-7781';

let t: TestApp;
let server: ServerType;
let base: string;

beforeAll(async () => {
  t = await makeApp();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (server) {
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await t?.close();
});

interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

interface Stream {
  events: SseEvent[];
  /** Everything received, as sent. */
  raw(): string;
  /** The first event (from the start) matching, waiting up to `ms` for it. */
  next(match: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  close(): void;
}

/** Connects to /api/events with a session cookie and parses the stream as it arrives. */
async function connect(as: AuthHeaders, lastEventId?: string): Promise<Stream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { cookie: as.cookie! };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const res = await fetch(`${base}/api/events`, {
    headers,
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  // Written straight to the socket, the stream still carries the API's no-store and security headers.
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const events: SseEvent[] = [];
  let text = '';
  let buffer = '';
  let wake: (() => void) | undefined;
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields.event !== undefined || fields.data !== undefined) {
            const e: SseEvent = { event: fields.event ?? 'message', data: fields.data ?? '' };
            if (fields.id !== undefined) e.id = fields.id;
            events.push(e);
          }
          end = buffer.indexOf('\n\n');
        }
        wake?.();
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    raw: () => text,
    async next(match, ms = 3000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 100));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    close: () => controller.abort(),
  };
}

const changed = (instanceId: string) => (e: SseEvent) =>
  e.event === 'instance.changed' && JSON.parse(e.data).instanceId === instanceId;

describe('GET /api/events', () => {
  it('refuses a caller without a session', async () => {
    const res = await fetch(`${base}/api/events`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('tells the role whose queue changed, not an unrelated role, and carries no patient data', async () => {
    const [lead, sorter, nurse, frontDesk] = await Promise.all([
      t.login('lead'),
      t.login('medical-assistant'),
      t.login('triage-nurse'),
      t.login('front-desk'),
    ]);
    const nurseStream = await connect(nurse);
    const frontDeskStream = await connect(frontDesk);
    const sorterStream = await connect(sorter);
    const streams = [nurseStream, frontDeskStream, sorterStream];
    try {
      for (const s of streams) await s.next((e) => e.event === 'ready');

      const started = await t.call('POST', '/api/instances', {
        as: lead,
        body: {
          definitionId: 'portal-message-triage',
          data: { ...exampleStart('portal-message-triage'), subject: SUBJECT, patient: PATIENT },
        },
      });
      expect(started.status).toBe(201);
      const instanceId: string = started.body.instance.id;
      // The new message lands in the medical assistants' pool.
      await sorterStream.next(changed(instanceId));

      const taskId = started.body.instance.active[0].taskId;
      const done = await t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, {
        as: sorter,
        body: { outcome: 'sorted', data: { topic: 'medical-question', redFlags: false } },
      });
      expect(done.status).toBe(200);

      // The nurse's queue gained the review: the nurse hears about it, with ids and status only.
      const heard = await nurseStream.next(changed(instanceId));
      const payload = JSON.parse(heard.data);
      expect(payload).toEqual({
        type: 'instance.changed',
        instanceId,
        definitionId: 'portal-message-triage',
        status: 'active',
        revision: 2,
        practice: false,
      });
      expect(heard.id).toMatch(/^\d+$/);

      // Then something that does concern the front desk: a billing question in their pool. Events
      // arrive in order, so if the triage change had reached the front desk it would come first.
      const marker = await t.call('POST', '/api/instances', {
        as: lead,
        body: { definitionId: 'billing-question', data: exampleStart('billing-question') },
      });
      expect(marker.status).toBe(201);
      const first = await frontDeskStream.next((e) => e.event === 'instance.changed');
      expect(JSON.parse(first.data).instanceId).toBe(marker.body.instance.id);
      expect(frontDeskStream.events.filter(changed(instanceId))).toEqual([]);
      // …and the billing question is none of the nurse's business.
      expect(nurseStream.events.filter(changed(marker.body.instance.id))).toEqual([]);

      for (const s of streams) {
        expect(s.raw()).not.toContain(SUBJECT);
        expect(s.raw()).not.toContain(PATIENT);
        expect(s.raw()).not.toContain('medical-question');
        for (const e of s.events) {
          if (e.event !== 'instance.changed') continue;
          expect(Object.keys(JSON.parse(e.data)).sort()).toEqual([
            'definitionId',
            'instanceId',
            'practice',
            'revision',
            'status',
            'type',
          ]);
        }
      }
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('resumes from Last-Event-ID: a reconnecting client gets what it missed, and only that', async () => {
    const [lead, sorter] = await Promise.all([t.login('lead'), t.login('medical-assistant')]);
    const first = await connect(sorter);
    await first.next((e) => e.event === 'ready');
    const before = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: 'portal-message-triage', data: exampleStart('portal-message-triage') },
    });
    const seen = await first.next(changed(before.body.instance.id));
    first.close();

    // While it is away: one change for its pool, one that is none of its business, then another for it.
    const missed = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: 'portal-message-triage', data: exampleStart('portal-message-triage') },
    });
    const other = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: 'billing-question', data: exampleStart('billing-question') },
    });
    const missedToo = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: 'portal-message-triage', data: exampleStart('portal-message-triage') },
    });
    await t.feed.poll();

    const back = await connect(sorter, seen.id);
    try {
      await back.next(changed(missedToo.body.instance.id));
      const changes = back.events.filter((e) => e.event === 'instance.changed');
      expect(changes.map((e) => JSON.parse(e.data).instanceId)).toEqual([
        missed.body.instance.id,
        missedToo.body.instance.id,
      ]);
      expect(back.events.filter(changed(other.body.instance.id))).toEqual([]);
      const ids = changes.map((e) => Number(e.id));
      expect(ids[0]).toBeGreaterThan(Number(seen.id));
      expect(ids[1]).toBeGreaterThan(ids[0]!);
      // Live again after catching up: the next change arrives once, after the replayed ones.
      const later = await t.call('POST', '/api/instances', {
        as: lead,
        body: { definitionId: 'portal-message-triage', data: exampleStart('portal-message-triage') },
      });
      await back.next(changed(later.body.instance.id));
      expect(back.events.filter((e) => e.event === 'instance.changed')).toHaveLength(3);
    } finally {
      back.close();
    }
  });

  it('tells a client to start over when what it missed is no longer kept', async () => {
    const [lead, sorter] = await Promise.all([t.login('lead'), t.login('medical-assistant')]);
    const old = await connect(sorter);
    await old.next((e) => e.event === 'ready');
    const started = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: 'portal-message-triage', data: exampleStart('portal-message-triage') },
    });
    const seen = await old.next(changed(started.body.instance.id));
    old.close();
    // Two changes while it is away; pruning (which always keeps the newest entry) drops the first.
    for (let n = 0; n < 2; n++) {
      await t.call('POST', '/api/instances', {
        as: lead,
        body: { definitionId: 'portal-message-triage', data: exampleStart('portal-message-triage') },
      });
    }
    await t.feed.poll();
    await t.store.pruneFeed(t.live.cursor);

    const back = await connect(sorter, seen.id);
    try {
      const reset = await back.next((e) => e.event === 'reset');
      expect(Number(reset.id)).toBe(t.live.cursor);
      expect(back.events.filter((e) => e.event === 'instance.changed')).toEqual([]);
    } finally {
      back.close();
    }
  });

  it('resumes part-way through a row that holds several changes committed together', async () => {
    const sorter = await t.login('medical-assistant');
    const msg = (instanceId: string) =>
      JSON.stringify({
        type: 'instance.changed',
        instanceId,
        definitionId: 'portal-message-triage',
        status: 'active',
        revision: 1,
        roles: ['medical-assistant'],
        users: [],
        practice: false,
      });
    // A batch that committed three changes writes one row with three messages; then one more row.
    const raw = createClient({ url: t.dbUrl });
    const row = Number(
      (
        await raw.execute({
          sql: 'INSERT INTO change_feed (at, message) VALUES (?, json_array(json(?), json(?), json(?))) RETURNING id',
          args: [t.clock.now(), msg('x-0'), msg('x-1'), msg('x-2')],
        })
      ).rows[0]!.id,
    );
    await raw.execute({
      sql: 'INSERT INTO change_feed (at, message) VALUES (?, json_array(json(?)))',
      args: [t.clock.now(), msg('x-3')],
    });
    raw.close();
    await t.feed.poll();

    // The client saw the row's first message (id `row.0`) before it dropped.
    const back = await connect(sorter, `${row}.0`);
    try {
      await back.next((e) => e.event === 'instance.changed' && JSON.parse(e.data).instanceId === 'x-3');
      const got = back.events.filter((e) => e.event === 'instance.changed');
      expect(got.map((e) => [e.id, JSON.parse(e.data).instanceId])).toEqual([
        [`${row}.1`, 'x-1'],
        [`${row}`, 'x-2'],
        [`${row + 1}`, 'x-3'],
      ]);
    } finally {
      back.close();
    }
  });

  it('lets go of a connection when the client leaves', async () => {
    const stream = await connect(await t.login('provider'));
    await stream.next((e) => e.event === 'ready');
    expect(t.live.size).toBeGreaterThan(0);
    stream.close();
    const deadline = Date.now() + 3000;
    while (t.live.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(t.live.size).toBe(0);
  });
});
