// Three real server processes on one libSQL file, as behind a load balancer: a task claimed through
// two processes at once goes to exactly one person (one 2xx, one 409); a browser connected to one
// process hears about a change made through another within a bound; every process answers the same
// queues; and deadlines fire exactly once between the three.
import { addBusinessDuration, type Definition, parseCalendar, parseDefinition } from '@portalflow/engine';
import { openStore, type Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, tempDb, userWithToken } from './support/prepare.ts';
import { killAllServers, type ServerProcess, spawnServer } from './support/processes.ts';
import { openSse, type SseClient } from './support/sse.ts';

const CLAIM_RACES = 20;
const TIMED_INSTANCES = 150;
/** Generous for a loaded CI machine; the poll interval is 100 ms and the figure is printed. */
const DELIVERY_BOUND_MS = 3000;

const intake: Definition = parseDefinition({
  id: 'portal-intake',
  title: 'Portal message intake',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'nurse', name: 'Triage nurse' },
  ],
  start: 'classify',
  steps: {
    classify: {
      type: 'task',
      role: 'front-desk',
      title: 'Classify the message',
      outcomes: { clinical: 'review', spam: 'closed' },
    },
    review: { type: 'task', role: 'nurse', title: 'Review', outcomes: { done: 'closed' } },
    closed: { type: 'end', outcome: 'resolved' },
  },
});

const deadlines: Definition = parseDefinition({
  id: 'deadline-race-3',
  title: 'Deadline race',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'supervisor', name: 'Front office supervisor' },
  ],
  start: 'classify',
  steps: {
    classify: {
      type: 'task',
      role: 'front-desk',
      title: 'Classify the message',
      outcomes: { done: 'closed' },
      deadline: { after: 'PT3S', escalateTo: 'supervisor' },
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
});

type Who = { id: string; token: string };
const bearer = (who: Who) => ({ authorization: `Bearer ${who.token}` });

async function api(
  server: ServerProcess,
  who: Who,
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: response bodies of every shape; tests read them as JSON
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...bearer(who), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('three server processes, one database', () => {
  let db: Awaited<ReturnType<typeof tempDb>>;
  let store: Store;
  let servers: ServerProcess[] = [];
  let lead: Who;
  let desk1: Who;
  let desk2: Who;
  let nurse: Who;

  beforeAll(async () => {
    db = await tempDb();
    store = await openStore({ url: db.url });
    await publish(store, intake);
    await publish(store, deadlines);
    lead = await userWithToken(store, 'lead', ['designer']);
    desk1 = await userWithToken(store, 'desk-1', ['front-desk']);
    desk2 = await userWithToken(store, 'desk-2', ['front-desk']);
    nurse = await userWithToken(store, 'nurse-1', ['nurse']);
    servers = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        spawnServer({ databaseUrl: db.url, processId: `proc-${name}`, timerPollMs: 50, livePollMs: 100 }),
      ),
    );
  }, 90_000);

  afterAll(async () => {
    await killAllServers();
    await store?.close();
    await db?.remove();
  });

  it('gives a task claimed through two processes at once to exactly one person', async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const taskIds: string[] = [];
    for (let n = 0; n < CLAIM_RACES; n++) {
      const started = await api(servers[n % 3]!, lead, 'POST', '/api/instances', {
        definitionId: intake.id,
        data: {},
      });
      expect(started.status).toBe(201);
      taskIds.push(started.body.instance.active[0].taskId);
    }
    const outcomes = await Promise.all(
      taskIds.map(async (taskId) => {
        const path = `/api/tasks/${encodeURIComponent(taskId)}/claim`;
        const [one, two] = await Promise.all([api(a, desk1, 'POST', path), api(b, desk2, 'POST', path)]);
        return { taskId, one, two };
      }),
    );
    for (const { taskId, one, two } of outcomes) {
      expect([one.status, two.status].sort(), taskId).toEqual([200, 409]);
      const loser = one.status === 409 ? one : two;
      expect(loser.body.error.code).toBe('ALREADY_CLAIMED');
      // The third process sees the winner as the assignee.
      const winner = one.status === 200 ? desk1 : desk2;
      const seen = await api(c, lead, 'GET', `/api/tasks/${encodeURIComponent(taskId)}`);
      expect(seen.status).toBe(200);
      expect(seen.body.task.assignee).toBe(winner.id);
    }
  }, 60_000);

  it('ends a token on every process the moment one of them revokes it, or its owner is disabled', async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const holder = await userWithToken(store, 'integration-1', ['front-desk']);
    const other = await userWithToken(store, 'integration-2', ['front-desk']);
    const tokenId = (await store.listApiTokens(holder.id))[0]!.id;
    // Every process has used both tokens, so each may have kept them.
    for (const server of servers)
      for (const who of [holder, other])
        expect((await api(server, who, 'GET', '/api/tasks')).status).toBe(200);

    const burst = (who: Who) =>
      Promise.all([b, c, b, c, b, c, b, c].map((server) => api(server, who, 'GET', '/api/tasks')));
    expect((await api(a, holder, 'DELETE', `/api/tokens/${tokenId}`)).status).toBe(200);
    expect((await burst(holder)).map((r) => r.status)).toEqual(Array(8).fill(401));
    // The other token works on, and ends when its owner is disabled through another connection.
    expect((await burst(other)).map((r) => r.status)).toEqual(Array(8).fill(200));
    // Only the account changes here (its tokens are not revoked with it), as a direct edit would.
    expect((await store.updateUser(other.id, { disabled: true }))?.disabled).toBe(true);
    expect((await burst(other)).map((r) => r.status)).toEqual(Array(8).fill(401));
  }, 60_000);

  it('ends a session on every process the moment it signs out through one', async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const person = await userWithToken(store, 'desk-signed-in', ['front-desk']);
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'desk-signed-in', password: person.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((line) => line.split(';')[0]!)
      .join('; ');
    const headers = { cookie, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const read = (server: ServerProcess) =>
      fetch(`${server.url}/api/tasks`, { headers }).then(async (res) => {
        await res.body?.cancel();
        return res.status;
      });
    for (const server of servers) expect(await read(server)).toBe(200);

    const out = await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers });
    expect(out.ok).toBe(true);
    expect(await Promise.all([b, c, b, c, b, c, b, c].map(read))).toEqual(Array(8).fill(401));
  }, 60_000);

  it('tells a client connected to one process about a change made through another', async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    // The nurse listens on A, the front desk on C; changes are made through B.
    const onA: SseClient = await openSse(`${a.url}/api/events`, bearer(nurse));
    const onC: SseClient = await openSse(`${c.url}/api/events`, bearer(desk1));
    const delays: number[] = [];
    try {
      expect(onA.status).toBe(200);
      expect(onC.status).toBe(200);
      await onA.next((e) => e.event === 'ready');
      await onC.next((e) => e.event === 'ready');
      for (let n = 0; n < 5; n++) {
        // Measured from before the request: the figure includes the request itself (an upper bound).
        const sentAt = performance.now();
        const started = await api(b, desk1, 'POST', '/api/instances', { definitionId: intake.id, data: {} });
        expect(started.status).toBe(201);
        const id: string = started.body.instance.id;
        const forDesk = await onC.next(
          (e) => e.event === 'instance.changed' && JSON.parse(e.data).instanceId === id,
          DELIVERY_BOUND_MS,
        );
        delays.push(forDesk.receivedAt - sentAt);
        const taskId = started.body.instance.active[0].taskId;
        const doneAt = performance.now();
        const done = await api(b, desk1, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, {
          outcome: 'clinical',
        });
        expect(done.status).toBe(200);
        // The nurse's pool gained the review: the nurse on A hears of it.
        const forNurse = await onA.next(
          (e) => e.event === 'instance.changed' && JSON.parse(e.data).instanceId === id,
          DELIVERY_BOUND_MS,
        );
        delays.push(forNurse.receivedAt - doneAt);
        expect(JSON.parse(forNurse.data)).toMatchObject({ revision: 2, status: 'active' });
      }
      // The same change carries the same feed id on every process.
      const idOnA = onA.events.filter((e) => e.event === 'instance.changed').map((e) => e.id);
      expect(idOnA.every((id) => /^\d+$/.test(id ?? ''))).toBe(true);
      console.log(
        `cross-process delivery (B → A, B → C): max ${Math.max(...delays).toFixed(0)} ms, ` +
          `mean ${(delays.reduce((x, y) => x + y, 0) / delays.length).toFixed(0)} ms over ${delays.length}`,
      );
    } finally {
      onA.close();
      onC.close();
    }
  }, 60_000);

  it('answers the same queues from every process, and fires each deadline exactly once', async () => {
    const ids: string[] = [];
    for (let n = 0; n < TIMED_INSTANCES; n += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, k) =>
          api(servers[(n + k) % 3]!, lead, 'POST', '/api/instances', {
            definitionId: deadlines.id,
            data: {},
          }),
        ),
      );
      for (const r of batch) {
        expect(r.status).toBe(201);
        ids.push(r.body.instance.id);
      }
    }
    // Bounded wait until no timer is left (a fired timer's commit deletes its row).
    const until = Date.now() + 45_000;
    let remaining = await store.nextTimerDue();
    while (remaining !== null && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      remaining = await store.nextTimerDue();
    }
    expect(remaining).toBeNull();
    for (const id of ids) {
      const fired = (await store.listEvents(id)).filter((e) => e.type === 'timer-fired');
      expect(fired, `instance ${id}`).toHaveLength(1);
    }

    // Nothing is changing now: each process gives the same answer to the same question.
    for (const [who, query] of [
      [lead, 'scope=all&limit=500'],
      [desk1, 'scope=mine&limit=500'],
      [desk2, 'scope=pool&limit=500'],
      [nurse, 'scope=pool&limit=500'],
    ] as const) {
      const answers = await Promise.all(servers.map((s) => api(s, who, 'GET', `/api/tasks?${query}`)));
      for (const r of answers) expect(r.status).toBe(200);
      if (who === lead) expect(answers[0]!.body.items.length).toBeGreaterThan(TIMED_INSTANCES);
      expect(answers[1]!.body).toEqual(answers[0]!.body);
      expect(answers[2]!.body).toEqual(answers[0]!.body);
    }

    const report = await store.verifyAll();
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);

    const split = await Promise.all(servers.map((s) => api(s, lead, 'GET', '/api/health')));
    for (const r of split) expect(r.body.ok).toBe(true);
    expect(new Set(split.map((r) => r.body.process)).size).toBe(3);
  }, 90_000);

  it('clinic hours saved through one process are the others’ too; two saves at once: one wins', async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    await publish(store, callback);
    // The clinic's today and the two days after it: a closed day already gone is refused.
    const zone: string = (await api(a, lead, 'GET', '/api/config')).body.timeZone;
    const day = (offset: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(Date.now() + offset * 86_400_000));
    // Open around the clock, closed today (the clinic's) and the two days after it.
    const allDay = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
    );
    const current = await api(a, lead, 'GET', '/api/clinic/hours');
    expect(current.status).toBe(200);
    const body = (closures: Array<{ date: string }>) => ({
      hours: allDay,
      closures,
      expectedRevision: current.body.revision,
    });
    const [viaB, viaC] = await Promise.all([
      api(b, lead, 'PUT', '/api/clinic/hours', body([{ date: day(0) }, { date: day(1) }, { date: day(2) }])),
      api(c, lead, 'PUT', '/api/clinic/hours', body([])),
    ]);
    expect([viaB.status, viaC.status].sort()).toEqual([200, 409]);
    const won = viaB.status === 200 ? 'B' : 'C';
    // Every process picks the save up from the change feed, whichever took it.
    const until = Date.now() + DELIVERY_BOUND_MS;
    for (const server of servers) {
      let holidays: string[] = [];
      do {
        holidays = (await api(server, lead, 'GET', '/api/config')).body.calendar.holidays ?? [];
        if (holidays.length === (won === 'B' ? 3 : 0)) break;
        await new Promise((r) => setTimeout(r, 50));
      } while (Date.now() < until);
      expect(holidays.length, server.url).toBe(won === 'B' ? 3 : 0);
    }
    const calendars = new Map<ServerProcess, unknown>();
    for (const server of servers)
      calendars.set(server, (await api(server, lead, 'GET', '/api/config')).body.calendar);
    const config = (server: ServerProcess) => calendars.get(server);
    // A request started through the first process counts its deadline in the saved hours.
    const started = await api(a, lead, 'POST', '/api/instances', { definitionId: callback.id, data: {} });
    expect(started.status).toBe(201);
    const due = Date.parse(started.body.instance.active[0].due);
    const after = due - Date.parse(started.body.instance.startedAt);
    // Closed today: the hour starts when the closed days end. Open: an hour from now.
    if (won === 'B') expect(after).toBeGreaterThan(3_600_000 * 2);
    else expect(after).toBe(3_600_000);
    expect(new Date(due).toISOString()).toBe(
      addBusinessDuration(started.body.instance.startedAt, 'PT1H', parseCalendar(config(a))),
    );
  }, 60_000);
});

const callback: Definition = parseDefinition({
  id: 'callback-business',
  title: 'Call back within a business hour',
  roles: [{ id: 'front-desk', name: 'Front desk' }],
  start: 'call',
  steps: {
    call: {
      type: 'task',
      role: 'front-desk',
      title: 'Call the patient back',
      outcomes: { called: 'closed' },
      deadline: { after: 'PT1H', calendar: 'business' },
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
});
