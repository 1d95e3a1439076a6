import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Disabling a person never strands their work: every open task they hold goes back to its role's pool
 * (each with a history event, by the admin, saying why), their live stream ends at once, and their name
 * still resolves, marked disabled. A completion sent at the same moment as the disable either wins (the
 * task is done and not returned) or is refused (the task is returned) — never both, never neither.
 * Everything over a real socket.
 */

const TRIAGE = 'portal-message-triage';
const POOL = 'medical-assistant';
const WHY = "Its holder's account was disabled";

let t: TestApp;
let server: Listener;
let admin: AuthHeaders;
let lead: AuthHeaders;

beforeAll(async () => {
  // Streams are re-checked only every ten minutes: only the disable itself can end one in time.
  t = await makeApp({ config: { liveAuthCheckMs: 600_000 } });
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

/** A new portal message: its sorting task waits in the medical assistants' pool. */
async function sortTask(): Promise<{ instanceId: string; taskId: string }> {
  const started = await send(lead, 'POST', '/api/instances', {
    definitionId: TRIAGE,
    data: exampleStart(TRIAGE),
  });
  expect(started.status, started.text).toBe(201);
  return { instanceId: started.body.instance.id, taskId: started.body.instance.active[0].taskId };
}

/** A medical assistant named `displayName`, signed in, holding `n` claimed tasks. */
async function assistantWithTasks(username: string, displayName: string, n: number) {
  const user = await t.addUser(username, [POOL]);
  const named = await send(admin, 'PATCH', `/api/users/${user.id}`, { displayName });
  expect(named.status, named.text).toBe(200);
  const as = await t.login(username);
  const tasks: Array<{ instanceId: string; taskId: string }> = [];
  for (let i = 0; i < n; i++) {
    const task = await sortTask();
    const claimed = await send(as, 'POST', taskPath(task.taskId, '/claim'));
    expect(claimed.status, claimed.text).toBe(200);
    tasks.push(task);
  }
  return { id: user.id, as, tasks };
}

interface Stream {
  status: number;
  events: string[];
  /** Each event with its data, as it arrived. */
  frames: Array<{ event: string; data: string }>;
  ended: Promise<void>;
  close(): void;
}

async function openStream(as: AuthHeaders): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${server.base}/api/events`, { headers: as, signal: controller.signal });
  const events: string[] = [];
  const frames: Stream['frames'] = [];
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
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const event = /^event: (.+)$/m.exec(block)?.[1];
          if (event === undefined) continue;
          events.push(event);
          frames.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return { status: res.status, events, frames, ended, close: () => controller.abort() };
}

/** Waits up to `ms` for `stream` to carry a frame matching `match`. */
async function heard(
  stream: Stream,
  match: (frame: { event: string; data: string }) => boolean,
  ms = 3000,
): Promise<boolean> {
  const until = Date.now() + ms;
  while (!stream.frames.some(match)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

async function endsWithin(stream: Stream, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const ended = await Promise.race([stream.ended.then(() => true as const), late]);
  clearTimeout(timer);
  return ended;
}

/** The events that returned a task to its pool because its holder was disabled. */
async function returnEvents(instanceId: string) {
  const events = await t.store.listEvents(instanceId);
  return events
    .map((e) => ({ ...e, payload: e.payload as Record<string, unknown> }))
    .filter((e) => e.type === 'reassign' && e.payload.reason === WHY);
}

describe('disabling a person returns their open tasks to the pools', { timeout: 120_000 }, () => {
  it('both claimed tasks go back unassigned, with history by the admin; the stream ends; the name stays', async () => {
    const jane = await assistantWithTasks('jane-doe', 'Jane Doe', 2);
    const stream = await openStream(jane.as);
    expect(stream.status).toBe(200);

    // The admin is told beforehand how many open tasks go back.
    const held = await send(admin, 'GET', `/api/users/${jane.id}/held-tasks`);
    expect(held.status, held.text).toBe(200);
    expect(held.body).toEqual({ open: 2, byRole: { [POOL]: 2 } });

    const disabled = await send(admin, 'PATCH', `/api/users/${jane.id}`, { disabled: true });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.body.tasksReturned).toBe(2);
    expect(await endsWithin(stream, 2000)).toBe(true);
    expect((await send(jane.as, 'GET', '/api/me')).status).toBe(401);

    const pool = await send(await t.login(POOL), 'GET', '/api/tasks?scope=pool&limit=500');
    expect(pool.status, pool.text).toBe(200);
    const pooled = new Map<string, { assignee: string | null }>(
      pool.body.items.map((i: { id: string; assignee: string | null }) => [i.id, i]),
    );
    const adminId = t.user('admin').id;
    for (const { instanceId, taskId } of jane.tasks) {
      expect(pooled.get(taskId)?.assignee, taskId).toBeNull();
      const task = await t.store.getTask(taskId);
      expect(task).toMatchObject({ status: 'open', assignee: null, role: POOL });
      const returned = await returnEvents(instanceId);
      expect(returned).toHaveLength(1);
      expect(returned[0]).toMatchObject({ actor: adminId, payload: { assignee: null, actor: adminId } });
      // The history says so in words, as the request's timeline shows it.
      const history = await send(lead, 'GET', `/api/instances/${instanceId}/history`);
      expect(history.status, history.text).toBe(200);
      const last = history.body.timeline.at(-1);
      expect(last).toMatchObject({ type: 'reassign', actor: adminId, reason: WHY });
      expect(last.changes).toContainEqual(
        expect.objectContaining({ field: 'assignee', from: jane.id, to: null }),
      );
    }
    expect(await send(admin, 'GET', `/api/users/${jane.id}/held-tasks`)).toMatchObject({ body: { open: 0 } });

    // Colleagues still see who she was: her name, marked disabled.
    const people = await send(await t.login(POOL), 'GET', '/api/people');
    expect(people.status).toBe(200);
    expect(people.body.people).toContainEqual(
      expect.objectContaining({ id: jane.id, displayName: 'Jane Doe', disabled: true }),
    );
    expect(people.body.people).toContainEqual(expect.objectContaining({ id: adminId, disabled: false }));
  });

  it("the pool's staff hear each returned task arrive, as they hear any task landing there, without patient data", async () => {
    const colleague = await openStream(await t.login(POOL));
    try {
      expect(colleague.status).toBe(200);
      // A task landing in the pool, for comparison: a new portal message.
      const fresh = await sortTask();
      const about = (instanceId: string) => (f: { event: string; data: string }) =>
        f.event === 'instance.changed' && JSON.parse(f.data).instanceId === instanceId;
      expect(await heard(colleague, about(fresh.instanceId))).toBe(true);

      const ana = await assistantWithTasks('ana-pool', 'Ana Pool', 2);
      const before = colleague.frames.length;
      const disabled = await send(admin, 'PATCH', `/api/users/${ana.id}`, { disabled: true });
      expect(disabled.status, disabled.text).toBe(200);
      expect(disabled.body.tasksReturned).toBe(2);
      for (const { instanceId } of ana.tasks) {
        const since = (f: { event: string; data: string }) =>
          colleague.frames.indexOf(f) >= before && about(instanceId)(f);
        expect(await heard(colleague, since), instanceId).toBe(true);
        const frame = colleague.frames.filter(since).at(-1)!;
        const revision = (await t.store.getInstance(instanceId))!.revision;
        // Ids, status and revision only: the same event as for any change, nothing of the patient's.
        expect(JSON.parse(frame.data)).toEqual({
          type: 'instance.changed',
          instanceId,
          definitionId: TRIAGE,
          status: 'active',
          revision,
          practice: false,
        });
      }
    } finally {
      colleague.close();
    }
  });

  it('an admin may not disable their own account: refused with a code and a message, nothing changes', async () => {
    // An admin who also works the medical assistants' pool, holding two tasks; not the last admin.
    const boss = await t.addUser('boss-admin', ['admin', POOL]);
    const as = await t.login('boss-admin');
    const held = [await sortTask(), await sortTask()];
    for (const task of held)
      expect((await send(as, 'POST', taskPath(task.taskId, '/claim'))).status).toBe(200);

    const refused = await send(as, 'PATCH', `/api/users/${boss.id}`, { disabled: true });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.code).toBe('OWN_ACCOUNT');
    expect(refused.body.error.message).toMatch(/another admin/);
    // Nothing happened: still signed in, still active, both tasks still theirs, no history written.
    expect((await send(as, 'GET', '/api/me')).status).toBe(200);
    expect((await t.store.getUser(boss.id))?.disabled).toBe(false);
    for (const task of held) {
      expect(await t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: boss.id });
      expect(await returnEvents(task.instanceId)).toEqual([]);
    }
    // The refusal is in the access log, as a refused account change.
    const denied = await t.store.listAccess({ userId: boss.id, outcome: 'deny', limit: 10 });
    expect(denied.items.map((a) => a.detail)).toContain(`update of ${boss.id} refused: own account`);

    // Another admin disables them: both tasks go back.
    const disabled = await send(admin, 'PATCH', `/api/users/${boss.id}`, { disabled: true });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.body.tasksReturned).toBe(2);
    for (const task of held) expect(await returnEvents(task.instanceId)).toHaveLength(1);
  });

  it('disabling again returns nothing more and changes no history', async () => {
    const sam = await assistantWithTasks('sam-again', 'Sam Again', 1);
    const first = await send(admin, 'PATCH', `/api/users/${sam.id}`, { disabled: true });
    expect(first.body.tasksReturned).toBe(1);
    const again = await send(admin, 'PATCH', `/api/users/${sam.id}`, { disabled: true });
    expect(again.status, again.text).toBe(200);
    expect(again.body.tasksReturned).toBe(0);
    expect(await returnEvents(sam.tasks[0]!.instanceId)).toHaveLength(1);
  });

  it('a completion released together with the disable: one wins, never both, nothing lost', async () => {
    const outcomes = { completed: 0, returned: 0 };
    for (let round = 0; round < 16; round++) {
      const person = await assistantWithTasks(`racing-${round}`, `Racing ${round}`, 2);
      const [racing, other] = person.tasks as [
        { instanceId: string; taskId: string },
        { instanceId: string; taskId: string },
      ];
      // The disable leaves a moment later every other round: both orders of the two commits happen, and
      // a completion signed in before the disable but committing after it.
      const [completed, disabled] = await Promise.all([
        send(person.as, 'POST', taskPath(racing.taskId, '/complete'), {
          outcome: 'sorted',
          data: { topic: 'medical-question', redFlags: false },
        }),
        new Promise((resolve) => (round % 2 ? setTimeout(resolve, 0) : setImmediate(resolve))).then(() =>
          send(admin, 'PATCH', `/api/users/${person.id}`, { disabled: true }),
        ),
      ]);
      expect(disabled.status, disabled.text).toBe(200);

      // The other task always goes back.
      expect(await t.store.getTask(other.taskId)).toMatchObject({ status: 'open', assignee: null });
      expect(await returnEvents(other.instanceId)).toHaveLength(1);

      const task = await t.store.getTask(racing.taskId);
      if (completed.status === 200) {
        // The completion won: the task is done, and was not returned too.
        outcomes.completed++;
        expect(task).toMatchObject({ status: 'closed', closedBy: person.id });
        expect(await returnEvents(racing.instanceId)).toEqual([]);
        expect(disabled.body.tasksReturned).toBe(1);
      } else {
        // The disable won: the completion was refused and the task is back in its pool.
        outcomes.returned++;
        expect([401, 409], completed.text).toContain(completed.status);
        expect(task).toMatchObject({ status: 'open', assignee: null });
        expect(await returnEvents(racing.instanceId)).toHaveLength(1);
        expect(disabled.body.tasksReturned).toBe(2);
        const events = await t.store.listEvents(racing.instanceId);
        expect(events.filter((e) => e.type === 'complete')).toEqual([]);
      }
    }
    expect(outcomes.completed + outcomes.returned).toBe(16);
  });

  it('a change sent by a person after their account was disabled is refused and writes nothing', async () => {
    const late = await assistantWithTasks('late-sender', 'Late Sender', 1);
    const task = late.tasks[0]!;
    const before = await t.store.getInstance(task.instanceId);
    // Disabled in the store, as another server process would: this request's sign-in was checked before.
    await t.store.disableUser(late.id);
    const { instances } = t;
    await expect(
      instances.act(
        {
          user: {
            id: late.id,
            username: 'late-sender',
            displayName: 'Late Sender',
            roles: [POOL],
            via: 'session',
          },
          role: null,
        },
        task.instanceId,
        {
          type: 'complete',
          token: task.taskId.split(':').at(-1)!,
          outcome: 'sorted',
          data: { topic: 'medical-question', redFlags: false },
        },
      ),
    ).rejects.toMatchObject({ status: 401 });
    expect((await t.store.getInstance(task.instanceId))!.revision).toBe(before!.revision);
  });
});
