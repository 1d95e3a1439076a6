// Two real server processes on one libSQL file race for 1,000 deadlines that come due together.
// Timers live in the database and are leased, so each must fire exactly once: one `timer-fired`
// event per instance, every task escalated, every hash chain intact.
import { type Definition, parseDefinition } from '@portalflow/engine';
import { openStore, type Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, servicesFor, startInstances, tempDb } from './support/prepare.ts';
import { killAllServers, type ServerProcess, spawnServer } from './support/processes.ts';

const INSTANCES = 1000;

// Due a few seconds after the instances start: long enough for both processes to be up and polling
// when the deadlines arrive (so they really race), short enough to keep the test quick.
const workflow: Definition = parseDefinition({
  id: 'deadline-race',
  title: 'Deadline race',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'supervisor', name: 'Front office supervisor' },
  ],
  start: 'classify',
  // Bulk starts number their requests (start data is held to the start form).
  intake: { roles: ['front-desk'], form: [{ id: 'n', label: 'Request number', type: 'number' }] },
  steps: {
    classify: {
      type: 'task',
      role: 'front-desk',
      title: 'Classify the message',
      outcomes: { done: 'closed' },
      deadline: { after: 'PT4S', escalateTo: 'supervisor' },
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
});

describe('two server processes, one database, 1,000 due timers', () => {
  let db: Awaited<ReturnType<typeof tempDb>>;
  let store: Store;
  let ids: string[] = [];
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await tempDb();
    store = await openStore({ url: db.url });
    await publish(store, workflow);
    const { instances } = servicesFor(store);
    ids = await startInstances(instances, workflow.id, INSTANCES);
  }, 60_000);

  afterAll(async () => {
    await killAllServers();
    await store?.close();
    await db?.remove();
  });

  it('fires each timer exactly once between the two processes', async () => {
    const setUpAt = performance.now();
    const first = await store.nextTimerDue();
    expect(first).not.toBeNull();
    // Both start together; a short poll so both are watching when the deadlines come due.
    servers.push(
      ...(await Promise.all(
        ['A', 'B'].map((name) =>
          spawnServer({ databaseUrl: db.url, processId: `proc-${name}`, timerPollMs: 50 }),
        ),
      )),
    );
    const bothUp = (performance.now() - setUpAt) / 1000;

    // Bounded wait: every timer gone from the table (a fired timer's commit deletes its row).
    const deadline = Date.now() + 45_000;
    let remaining = await store.nextTimerDue();
    while (remaining !== null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      remaining = await store.nextTimerDue();
    }
    const drainedAfter = (performance.now() - setUpAt) / 1000;
    await Promise.all(servers.map((s) => s.stop()));
    expect(remaining).toBeNull();

    // Exactly one timer-fired event per instance, and every task escalated to the supervisor's pool.
    let events = 0;
    for (const id of ids) {
      const history = await store.listEvents(id);
      events += history.length;
      expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
      const fired = history.filter((e) => e.type === 'timer-fired');
      expect(fired, `instance ${id}`).toHaveLength(1);
      expect(fired[0]!.actor).toBeNull();
      const tasks = await store.listInstanceTasks(id);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ status: 'open', role: 'supervisor', escalated: true });
      const instance = await store.getInstance(id);
      const active = Object.values(instance!.snapshot.context.active);
      expect(active).toHaveLength(1);
      expect(active[0]).toMatchObject({ role: 'supervisor', escalated: true });
      expect(instance!.snapshot.context.timers).toEqual({});
    }
    expect(events).toBe(2 * INSTANCES);

    const report = await store.verifyAll();
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ ok: true, instances: INSTANCES, events: 2 * INSTANCES });

    // How the work split: each process logs "timer worker <id>: fired N" once a pass.
    const split = servers.map((s) => {
      let fired = 0;
      for (const line of s.log) {
        const m = /timer worker (\S+): fired (\d+)$/.exec(line);
        if (m && m[1] === s.processId) fired += Number(m[2]);
      }
      const lost = s.log.filter((l) => / not fired \(/.test(l)).length;
      return { process: s.processId, fired, lost };
    });
    expect(split.reduce((n, s) => n + s.fired, 0)).toBe(INSTANCES);
    // No worker pass failed and no request hit an internal error.
    for (const s of servers) expect(s.log.filter((l) => /timer worker: |internal error/.test(l))).toEqual([]);
    console.log(
      `timer split: ${split.map((s) => `${s.process} fired ${s.fired} (${s.lost} lost races)`).join(', ')}; ` +
        `both up after ${bothUp.toFixed(1)} s, all fired after ${drainedAfter.toFixed(1)} s`,
    );
  }, 90_000);
});
