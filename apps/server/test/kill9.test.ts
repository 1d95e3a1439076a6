// Crash safety: a real server process under load from several HTTP clients is killed with SIGKILL
// at random moments and restarted on the same database file. Every request that was acknowledged
// (2xx) must be in the history, nothing may be applied twice, every hash chain must verify, and
// each instance's stored projection (snapshot, open tasks, timers) must equal a replay of its events.
import {
  type ActiveStep,
  canonicalJson,
  type Definition,
  parseDefinition,
  type RecordedEvent,
  replay,
} from '@portalflow/engine';
import { openStore, type Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, servicesFor, startInstances, tempDb, userWithToken } from './support/prepare.ts';
import { killAllServers, type ServerProcess, spawnServer } from './support/processes.ts';

const INSTANCES = 3000;
const KILLS = 3;
/** Load runs this long (at random) before each kill, and this long after the last restart. */
const LOAD_BEFORE_KILL_MS: [number, number] = [1000, 4000];
const LOAD_AFTER_LAST_MS = 1500;
/** Completions acknowledged across the kills before the file is checked against them. */
const ENOUGH_COMPLETES = 100;

const workflow: Definition = parseDefinition({
  id: 'kill-nine',
  title: 'Refill request under fire',
  roles: [
    { id: 'nurse', name: 'Nurse' },
    { id: 'supervisor', name: 'Nursing supervisor' },
  ],
  start: 'triage',
  // Bulk starts number their requests (start data is held to the start form).
  intake: { roles: ['nurse'], form: [{ id: 'n', label: 'Request number', type: 'number' }] },
  steps: {
    triage: {
      type: 'task',
      role: 'nurse',
      title: 'Triage the refill request',
      outcomes: { routine: 'follow-up', urgent: 'closed' },
      // A long deadline, so each triage task also has a timer row the projection must keep right.
      deadline: { after: 'PT1H', escalateTo: 'supervisor' },
    },
    'follow-up': {
      type: 'task',
      role: 'nurse',
      title: 'Call the pharmacy',
      outcomes: { done: 'closed' },
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
});
const OUTCOMES: Record<string, string[]> = { triage: ['routine', 'urgent'], 'follow-up': ['done'] };

interface Ack {
  taskId: string;
  instanceId: string;
  token: string;
  userId: string;
  outcome?: string;
}

interface PoolTask {
  id: string;
  instanceId: string;
  token: string;
  step: string;
}

/** One HTTP client: lists its pool, sometimes claims a task first, then completes it. */
interface Client {
  userId: string;
  headers: () => Record<string, string>;
  login?: { username: string; password: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kill -9 mid-load', () => {
  let db: Awaited<ReturnType<typeof tempDb>>;
  let store: Store;
  let ids: string[] = [];
  const users: Array<{ id: string; token: string; password: string; username: string }> = [];

  beforeAll(async () => {
    db = await tempDb();
    store = await openStore({ url: db.url });
    await publish(store, workflow);
    for (const username of ['nurse-1', 'nurse-2', 'nurse-3'])
      users.push({ username, ...(await userWithToken(store, username, ['nurse'])) });
    ids = await startInstances(servicesFor(store).instances, workflow.id, INSTANCES, 200);
    // The server owns the file while it runs; this test reads it again only at the end.
    await store.close();
  }, 120_000);

  afterAll(async () => {
    await killAllServers();
    await store?.close();
    await db?.remove();
  });

  it('keeps every acknowledged change and a projection equal to replay', async () => {
    let server: ServerProcess | null = await spawnServer({ databaseUrl: db.url, processId: 'k9-0' });
    const port = server.port;
    /** Where clients send requests; null while the server is down. */
    let base: string | null = server.url;
    let stop = false;
    const hardStop = Date.now() + 60_000;

    const completes: Ack[] = [];
    const claims: Ack[] = [];
    const statuses = new Map<string, number>();
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const serverErrors: string[] = [];

    // Six clients over three users; nurse-3's two clients use a session cookie + CSRF, the rest tokens.
    const clients: Client[] = users.flatMap((u) =>
      [0, 1].map(() => {
        if (u.username !== 'nurse-3')
          return { userId: u.id, headers: () => ({ authorization: `Bearer ${u.token}` }) };
        const session = { cookie: '', csrf: '' };
        return {
          userId: u.id,
          headers: () => ({ cookie: session.cookie, 'x-csrf-token': session.csrf }),
          login: { username: u.username, password: u.password },
          session,
        } as Client & { session: typeof session };
      }),
    );

    async function call(path: string, init: RequestInit & { headers: Record<string, string> }) {
      const url = base;
      if (url === null) return null;
      try {
        const res = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
        const text = await res.text();
        return {
          status: res.status,
          body: text ? (JSON.parse(text) as unknown) : null,
          headers: res.headers,
        };
      } catch {
        count('network-error');
        return null;
      }
    }

    async function runClient(client: Client & { session?: { cookie: string; csrf: string } }, k: number) {
      let n = 0;
      while (!stop && Date.now() < hardStop && n++ < 100_000) {
        if (base === null) {
          await sleep(25);
          continue;
        }
        if (client.login && client.session && client.session.cookie === '') {
          const r = await call('/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(client.login),
          });
          if (r?.status === 200) {
            client.session.cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
            client.session.csrf = (r.body as { csrfToken: string }).csrfToken;
          } else await sleep(50);
          continue;
        }
        const list = await call('/api/tasks?scope=pool&limit=50', { headers: client.headers() });
        if (list?.status !== 200) {
          if (list) count(`list ${list.status}`);
          await sleep(25);
          continue;
        }
        const items = (list.body as { items: PoolTask[] }).items;
        if (items.length === 0) {
          await sleep(50);
          continue;
        }
        // A random pick among the first page: clients often collide, which must give clean 409s.
        const task = items[Math.floor(Math.random() * items.length)]!;
        const ack = {
          taskId: task.id,
          instanceId: task.instanceId,
          token: task.token,
          userId: client.userId,
        };
        if ((n + k) % 2 === 0) {
          const claim = await call(`/api/tasks/${encodeURIComponent(task.id)}/claim`, {
            method: 'POST',
            headers: client.headers(),
          });
          if (!claim) continue;
          count(`claim ${claim.status}`);
          if (claim.status >= 500) serverErrors.push(`claim ${claim.status} ${JSON.stringify(claim.body)}`);
          if (claim.status >= 200 && claim.status < 300) claims.push(ack);
          else continue;
        }
        const choices = OUTCOMES[task.step]!;
        const outcome = choices[Math.floor(Math.random() * choices.length)]!;
        const done = await call(`/api/tasks/${encodeURIComponent(task.id)}/complete`, {
          method: 'POST',
          headers: { ...client.headers(), 'content-type': 'application/json' },
          body: JSON.stringify({ outcome, note: `called back by ${client.userId}` }),
        });
        if (!done) continue;
        count(`complete ${done.status}`);
        if (done.status >= 500) serverErrors.push(`complete ${done.status} ${JSON.stringify(done.body)}`);
        if (done.status >= 200 && done.status < 300) completes.push({ ...ack, outcome });
      }
    }

    const load = Promise.all(clients.map((c, k) => runClient(c, k)));
    const phases: string[] = [];
    try {
      for (let kill = 1; kill <= KILLS; kill++) {
        const wait =
          LOAD_BEFORE_KILL_MS[0] + Math.random() * (LOAD_BEFORE_KILL_MS[1] - LOAD_BEFORE_KILL_MS[0]);
        const before = completes.length;
        await sleep(wait);
        // Killed mid-load, once it has acknowledged something since the last start (a busy machine
        // may take longer than the wait to get going).
        while (completes.length === before && Date.now() < hardStop) await sleep(50);
        const killed: ServerProcess = server!;
        await killed.kill9();
        base = null;
        server = null;
        phases.push(
          `kill ${kill} after ${Math.round(wait)} ms (${completes.length - before} completes acked)`,
        );
        expect(completes.length, 'the server acknowledged work before each kill').toBeGreaterThan(before);
        // Same port, as a restarted service would have; clients just see refused connections meanwhile.
        server = await spawnServer({ databaseUrl: db.url, processId: `k9-${kill}`, port });
        base = server.url;
      }
      const before = completes.length;
      await sleep(LOAD_AFTER_LAST_MS);
      while (completes.length === before && Date.now() < hardStop) await sleep(50);
      expect(completes.length, 'the restarted server takes work').toBeGreaterThan(before);
      // Enough work acknowledged to check, however slow the machine: the load goes on until then.
      while (completes.length <= ENOUGH_COMPLETES && Date.now() < hardStop) await sleep(100);
    } finally {
      stop = true;
      await load;
      await server?.stop();
    }
    console.log(
      `kill -9: ${phases.join('; ')}; acked ${completes.length} completes, ${claims.length} claims; ` +
        `responses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(serverErrors).toEqual([]);
    expect(completes.length).toBeGreaterThan(ENOUGH_COMPLETES);

    // Nothing acknowledged twice.
    expect(new Set(completes.map((a) => a.taskId)).size).toBe(completes.length);

    store = await openStore({ url: db.url });
    const report = await store.verifyAll();
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.instances).toBe(INSTANCES);

    const definition = (await store.getVersion(workflow.id))!.definition;
    const ackedCompletes = new Map<string, Ack[]>();
    for (const a of completes)
      ackedCompletes.set(a.instanceId, [...(ackedCompletes.get(a.instanceId) ?? []), a]);
    const ackedClaims = new Map<string, Ack[]>();
    for (const a of claims) ackedClaims.set(a.instanceId, [...(ackedClaims.get(a.instanceId) ?? []), a]);

    const expectedTimers = new Map<string, string>();
    let completedInHistory = 0;
    for (const id of ids) {
      const instance = (await store.getInstance(id))!;
      const events = await store.listEvents(id);
      // Unique, gap-free sequence numbers; the instance row points at the last event.
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(instance.revision).toBe(events.length);
      expect(instance.lastHash).toBe(events.at(-1)!.hash);

      // No task completed twice.
      const completedTokens = events
        .filter((e) => e.type === 'complete')
        .map((e) => (e.payload as { token: string }).token);
      expect(new Set(completedTokens).size, `instance ${id}`).toBe(completedTokens.length);
      completedInHistory += completedTokens.length;

      // Every acknowledged complete and claim is in the history, as acknowledged.
      for (const a of ackedCompletes.get(id) ?? []) {
        const found = events.find(
          (e) => e.type === 'complete' && (e.payload as { token: string }).token === a.token,
        );
        expect(found, `acked complete of ${a.taskId}`).toBeDefined();
        expect(found!.payload).toMatchObject({ outcome: a.outcome, actor: a.userId });
      }
      for (const a of ackedClaims.get(id) ?? []) {
        const found = events.find(
          (e) =>
            e.type === 'reassign' &&
            (e.payload as { token: string; assignee?: string }).token === a.token &&
            (e.payload as { assignee?: string }).assignee === a.userId,
        );
        expect(found, `acked claim of ${a.taskId}`).toBeDefined();
      }

      // Projection = replay: the stored snapshot is exactly what the events fold to…
      const history: RecordedEvent[] = events.map((e) => ({
        at: e.at,
        event: e.payload as RecordedEvent['event'],
      }));
      const replayed = replay(definition, history)!;
      expect(canonicalJson(replayed), `snapshot of ${id}`).toBe(canonicalJson(instance.snapshot));
      expect(instance.status).toBe(replayed.status);

      // …the open rows of the task table are exactly its active tasks…
      const tasks = await store.listInstanceTasks(id);
      const open = tasks
        .filter((t) => t.status === 'open')
        .map((t) => ({
          id: t.id,
          step: t.step,
          role: t.role,
          assignee: t.assignee,
          due: t.due,
          escalated: t.escalated,
        }))
        .sort((x, y) => x.id.localeCompare(y.id));
      const active = (Object.values(replayed.context.active) as ActiveStep[])
        .filter((a) => a.kind === 'task')
        .map((a) => ({
          id: `${id}:${a.token}`,
          step: a.step,
          role: a.role,
          assignee: a.assignee ?? null,
          due: a.due ?? null,
          escalated: a.escalated === true,
        }))
        .sort((x, y) => x.id.localeCompare(y.id));
      expect(open, `open tasks of ${id}`).toEqual(active);
      // …and closed rows carry the outcome the history recorded.
      for (const e of events.filter((x) => x.type === 'complete')) {
        const p = e.payload as { token: string; outcome: string };
        expect(tasks.find((t) => t.id === `${id}:${p.token}`)).toMatchObject({
          status: 'closed',
          outcome: p.outcome,
        });
      }
      for (const [timerId, timer] of Object.entries(replayed.context.timers))
        expectedTimers.set(`${id}:${timerId}`, timer.due);
    }
    expect(completedInHistory).toBeGreaterThanOrEqual(completes.length);

    // …and the timer table holds exactly the replayed timers (leasing them all is harmless now).
    const leased = await store.claimDueTimers({
      now: '2100-01-01T00:00:00.000Z',
      owner: 'kill9-check',
      leaseMs: 1,
      limit: INSTANCES * 2,
    });
    expect(new Map(leased.map((t) => [t.id, t.due]))).toEqual(expectedTimers);
  }, 120_000);
});
