import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Taking a role from a person never strands the work they hold in it: the admin is told beforehand how
 * many open tasks of that role they hold, and saving the roles returns exactly those tasks to the role's
 * pool (history by the admin, saying why); tasks of the roles they keep stay theirs. A claim sent by the
 * person at the moment the role goes either lands first (and the task is returned) or is refused —
 * never a task left held by someone without its role. Everything over a real socket.
 */

const REFILL = 'prescription-refill';
const REFILL_ROLE = 'refill-coordinator';
const TRIAGE = 'portal-message-triage';
const TRIAGE_ROLE = 'medical-assistant';
const WHY = 'Its holder no longer has the role';

let t: TestApp;
let server: Listener;
let admin: AuthHeaders;
let lead: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  server = await listen(t.app);
  admin = await t.login('admin');
  lead = await t.login('lead');
}, 60_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
});

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies of every shape; tests read them as JSON
  body: any;
  text: string;
}

async function send(as: AuthHeaders, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

const taskPath = (taskId: string, action = '') => `/api/tasks/${encodeURIComponent(taskId)}${action}`;

interface Started {
  instanceId: string;
  taskId: string;
}

/** A new request of `definitionId`: its first task waits in its role's pool. */
async function start(definitionId: string): Promise<Started> {
  const started = await send(lead, 'POST', '/api/instances', {
    definitionId,
    data: exampleStart(definitionId),
  });
  expect(started.status, started.text).toBe(201);
  return { instanceId: started.body.instance.id, taskId: started.body.instance.active[0].taskId };
}

async function claim(as: AuthHeaders, task: Started): Promise<void> {
  const claimed = await send(as, 'POST', taskPath(task.taskId, '/claim'));
  expect(claimed.status, claimed.text).toBe(200);
}

/** The events that returned a task to its pool because its holder lost the role. */
async function returnEvents(instanceId: string) {
  const events = await t.store.listEvents(instanceId);
  return events
    .map((e) => ({ ...e, payload: e.payload as Record<string, unknown> }))
    .filter((e) => e.type === 'reassign' && e.payload.reason === WHY);
}

interface Stream {
  frames: Array<{ event: string; data: string }>;
  close(): void;
}

async function openStream(as: AuthHeaders): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${server.base}/api/events`, { headers: as, signal: controller.signal });
  expect(res.status).toBe(200);
  const frames: Stream['frames'] = [];
  let buffer = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
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
    }
  })();
  return { frames, close: () => controller.abort() };
}

async function heard(stream: Stream, instanceId: string, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  const about = (f: { event: string; data: string }) =>
    f.event === 'instance.changed' && JSON.parse(f.data).instanceId === instanceId;
  while (!stream.frames.some(about)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

describe('taking a role from a person returns the tasks they hold in it', { timeout: 120_000 }, () => {
  it('the admin hears the count per role first; saving returns exactly the removed role’s tasks, with history', async () => {
    const hannah = await t.addUser('hannah-lee', [TRIAGE_ROLE, REFILL_ROLE]);
    const as = await t.login('hannah-lee');
    const refills = [await start(REFILL), await start(REFILL)];
    const triage = await start(TRIAGE);
    for (const task of [...refills, triage]) await claim(as, task);

    // Before saving: how many open tasks she holds, per role (a count only).
    const held = await send(admin, 'GET', `/api/users/${hannah.id}/held-tasks`);
    expect(held.status, held.text).toBe(200);
    expect(held.body).toEqual({ open: 3, byRole: { [REFILL_ROLE]: 2, [TRIAGE_ROLE]: 1 } });

    const pool = await openStream(await t.login(REFILL_ROLE));
    try {
      const saved = await send(admin, 'PATCH', `/api/users/${hannah.id}`, { roles: [TRIAGE_ROLE] });
      expect(saved.status, saved.text).toBe(200);
      expect(saved.body.tasksReturned).toBe(2);

      const adminId = t.user('admin').id;
      for (const { instanceId, taskId } of refills) {
        expect(await t.store.getTask(taskId)).toMatchObject({
          status: 'open',
          assignee: null,
          role: REFILL_ROLE,
        });
        const returned = await returnEvents(instanceId);
        expect(returned).toHaveLength(1);
        expect(returned[0]).toMatchObject({ actor: adminId, payload: { assignee: null } });
        const history = await send(lead, 'GET', `/api/instances/${instanceId}/history`);
        expect(history.body.timeline.at(-1)).toMatchObject({ type: 'reassign', actor: adminId, reason: WHY });
        // The refill coordinators' screens update: the task is back in their pool.
        expect(await heard(pool, instanceId), instanceId).toBe(true);
      }
      // The task of the role she keeps stays hers.
      expect(await t.store.getTask(triage.taskId)).toMatchObject({ status: 'open', assignee: hannah.id });
      expect(await returnEvents(triage.instanceId)).toEqual([]);

      // A refill coordinator can claim them now.
      await claim(await t.login(REFILL_ROLE), refills[0]!);
      // The access log says what went back, as for a disable.
      const log = await t.store.listAccess({ userId: adminId, limit: 20 });
      expect(log.items.map((a) => a.detail)).toContain(
        `updated ${hannah.id}: roles; 2 open tasks back to their pools`,
      );
    } finally {
      pool.close();
    }
  });

  it('saving roles that take nothing away returns nothing', async () => {
    const kai = await t.addUser('kai-keeps', [TRIAGE_ROLE]);
    const as = await t.login('kai-keeps');
    const task = await start(TRIAGE);
    await claim(as, task);
    const saved = await send(admin, 'PATCH', `/api/users/${kai.id}`, { roles: [TRIAGE_ROLE, REFILL_ROLE] });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.tasksReturned).toBe(0);
    expect(await t.store.getTask(task.taskId)).toMatchObject({ assignee: kai.id });
  });

  it('a staff list that takes a role away returns what the person holds in it, too', async () => {
    const lou = await t.addUser('lou-list', [TRIAGE_ROLE, REFILL_ROLE]);
    const as = await t.login('lou-list');
    const refill = await start(REFILL);
    const triage = await start(TRIAGE);
    for (const task of [refill, triage]) await claim(as, task);
    const csv = ['username,display name,roles', `lou-list,Lou List,${TRIAGE_ROLE}`].join('\n');
    const applied = await send(admin, 'POST', '/api/users/import', { csv });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.rows[0]).toMatchObject({ username: 'lou-list', outcome: 'updated' });
    expect(await t.store.getTask(refill.taskId)).toMatchObject({ status: 'open', assignee: null });
    expect(await returnEvents(refill.instanceId)).toHaveLength(1);
    expect(await t.store.getTask(triage.taskId)).toMatchObject({ assignee: lou.id });
  });

  it('a claim decided before the role went, committing after, is refused and writes nothing', async () => {
    const late = await t.addUser('late-claimer', [TRIAGE_ROLE, REFILL_ROLE]);
    const task = await start(REFILL);
    const before = await t.store.getInstance(task.instanceId);
    // The role goes in the store, as another server process would: this claim's roles were read before.
    await t.store.setUserRoles(late.id, [TRIAGE_ROLE]);
    await expect(
      t.instances.act(
        {
          user: {
            id: late.id,
            username: 'late-claimer',
            displayName: 'late-claimer',
            roles: [TRIAGE_ROLE, REFILL_ROLE],
            via: 'session',
          },
          role: null,
        },
        task.instanceId,
        { type: 'claim', token: task.taskId.split(':').at(-1)! },
      ),
    ).rejects.toMatchObject({ status: 409, code: 'ROLE_REMOVED' });
    expect((await t.store.getInstance(task.instanceId))!.revision).toBe(before!.revision);
    expect(await t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: null });
  });

  it('a claim racing the role removal: it lands first and goes back, or is refused; never left held', async () => {
    const outcomes = { claimedThenReturned: 0, refused: 0 };
    for (let round = 0; round < 16; round++) {
      const person = await t.addUser(`racing-role-${round}`, [TRIAGE_ROLE, REFILL_ROLE]);
      const as = await t.login(`racing-role-${round}`);
      const task = await start(REFILL);
      // The removal leaves a moment later every other round: both orders of the two commits happen.
      const [claimed, saved] = await Promise.all([
        send(as, 'POST', taskPath(task.taskId, '/claim')),
        new Promise((resolve) => (round % 2 ? setTimeout(resolve, 0) : setImmediate(resolve))).then(() =>
          send(admin, 'PATCH', `/api/users/${person.id}`, { roles: [TRIAGE_ROLE] }),
        ),
      ]);
      expect(saved.status, saved.text).toBe(200);
      // Whatever the order: the task is in its pool, held by nobody.
      expect(await t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: null });
      if (claimed.status === 200) {
        outcomes.claimedThenReturned++;
        expect(saved.body.tasksReturned).toBe(1);
        expect(await returnEvents(task.instanceId)).toHaveLength(1);
      } else {
        outcomes.refused++;
        expect([403, 409], claimed.text).toContain(claimed.status);
        expect(claimed.body.error.code).toBeTruthy();
        expect(saved.body.tasksReturned).toBe(0);
        expect(await returnEvents(task.instanceId)).toEqual([]);
      }
      const held = await send(admin, 'GET', `/api/users/${person.id}/held-tasks`);
      expect(held.body).toEqual({ open: 0, byRole: {} });
    }
    expect(outcomes.claimedThenReturned + outcomes.refused).toBe(16);
  });
});
