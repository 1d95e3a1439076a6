import { describe, expect, it } from 'vitest';
import type { AuthHeaders } from './support/app.ts';
import { heldWork, type Started, taskPath } from './support/held-work.ts';
import { openSse, type SseClient, type SseEvent } from './support/sse.ts';

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

// Streams are re-checked only every ten minutes: only the disable itself can end one in time.
const w = heldWork({ config: { liveAuthCheckMs: 600_000 } });

/** A new portal message: its sorting task waits in the medical assistants' pool. */
const sortTask = () => w.start(TRIAGE);

/** A medical assistant named `displayName`, signed in, holding `n` claimed tasks. */
async function assistantWithTasks(username: string, displayName: string, n: number) {
  const user = await w.t.addUser(username, [POOL]);
  const named = await w.send(w.admin, 'PATCH', `/api/users/${user.id}`, { displayName });
  expect(named.status, named.text).toBe(200);
  const as = await w.t.login(username);
  const tasks: Started[] = [];
  for (let i = 0; i < n; i++) {
    const task = await sortTask();
    await w.claim(as, task);
    tasks.push(task);
  }
  return { id: user.id, as, tasks };
}

const openStream = (as: AuthHeaders) => openSse(`${w.server.base}/api/events`, as);

async function endsWithin(stream: SseClient, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const ended = await Promise.race([stream.ended.then(() => true as const), late]);
  clearTimeout(timer);
  return ended;
}

/** The events that returned a task to its pool because its holder was disabled. */
const returnEvents = (instanceId: string) => w.returnEvents(instanceId, WHY);

describe('disabling a person returns their open tasks to the pools', { timeout: 120_000 }, () => {
  it('both claimed tasks go back unassigned, with history by the admin; the stream ends; the name stays', async () => {
    const jane = await assistantWithTasks('jane-doe', 'Jane Doe', 2);
    const stream = await openStream(jane.as);
    expect(stream.status).toBe(200);
    // Open until the disable: its end below is the disable's doing.
    expect(await endsWithin(stream, 300)).toBe(false);

    // The admin is told beforehand how many open tasks go back.
    const held = await w.send(w.admin, 'GET', `/api/users/${jane.id}/held-tasks`);
    expect(held.status, held.text).toBe(200);
    expect(held.body).toEqual({ open: 2, byRole: { [POOL]: 2 } });

    const disabled = await w.send(w.admin, 'PATCH', `/api/users/${jane.id}`, { disabled: true });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.body.tasksReturned).toBe(2);
    expect(await endsWithin(stream, 2000)).toBe(true);
    expect((await w.send(jane.as, 'GET', '/api/me')).status).toBe(401);

    const pool = await w.send(await w.t.login(POOL), 'GET', '/api/tasks?scope=pool&limit=500');
    expect(pool.status, pool.text).toBe(200);
    const pooled = new Map<string, { assignee: string | null }>(
      pool.body.items.map((i: { id: string; assignee: string | null }) => [i.id, i]),
    );
    const adminId = w.t.user('admin').id;
    for (const { instanceId, taskId } of jane.tasks) {
      expect(pooled.get(taskId)?.assignee, taskId).toBeNull();
      const task = await w.t.store.getTask(taskId);
      expect(task).toMatchObject({ status: 'open', assignee: null, role: POOL });
      const returned = await returnEvents(instanceId);
      expect(returned).toHaveLength(1);
      expect(returned[0]).toMatchObject({ actor: adminId, payload: { assignee: null, actor: adminId } });
      // The history says so in words, as the request's timeline shows it.
      const history = await w.send(w.lead, 'GET', `/api/instances/${instanceId}/history`);
      expect(history.status, history.text).toBe(200);
      const last = history.body.timeline.at(-1);
      expect(last).toMatchObject({ type: 'reassign', actor: adminId, reason: WHY });
      expect(last.changes).toContainEqual(
        expect.objectContaining({ field: 'assignee', from: jane.id, to: null }),
      );
    }
    expect(await w.send(w.admin, 'GET', `/api/users/${jane.id}/held-tasks`)).toMatchObject({
      body: { open: 0 },
    });

    // Colleagues still see who she was: her name, marked disabled.
    const people = await w.send(await w.t.login(POOL), 'GET', '/api/people');
    expect(people.status).toBe(200);
    expect(people.body.people).toContainEqual(
      expect.objectContaining({ id: jane.id, displayName: 'Jane Doe', disabled: true }),
    );
    expect(people.body.people).toContainEqual(expect.objectContaining({ id: adminId, disabled: false }));
  });

  it("the pool's staff hear each returned task arrive, as they hear any task landing there, without patient data", async () => {
    const colleague = await openStream(await w.t.login(POOL));
    try {
      expect(colleague.status).toBe(200);
      // A task landing in the pool, for comparison: a new portal message.
      const fresh = await sortTask();
      const about = (instanceId: string) => (f: SseEvent) =>
        f.event === 'instance.changed' && JSON.parse(f.data).instanceId === instanceId;
      await colleague.next(about(fresh.instanceId));

      const ana = await assistantWithTasks('ana-pool', 'Ana Pool', 2);
      const before = colleague.events.length;
      const disabled = await w.send(w.admin, 'PATCH', `/api/users/${ana.id}`, { disabled: true });
      expect(disabled.status, disabled.text).toBe(200);
      expect(disabled.body.tasksReturned).toBe(2);
      for (const { instanceId } of ana.tasks) {
        const since = (f: SseEvent) => colleague.events.indexOf(f) >= before && about(instanceId)(f);
        await colleague.next(since);
        const frame = colleague.events.filter(since).at(-1)!;
        const revision = (await w.t.store.getInstance(instanceId))!.revision;
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
    const boss = await w.t.addUser('boss-admin', ['admin', POOL]);
    const as = await w.t.login('boss-admin');
    const held = [await sortTask(), await sortTask()];
    for (const task of held)
      expect((await w.send(as, 'POST', taskPath(task.taskId, '/claim'))).status).toBe(200);

    const refused = await w.send(as, 'PATCH', `/api/users/${boss.id}`, { disabled: true });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.code).toBe('OWN_ACCOUNT');
    expect(refused.body.error.message).toMatch(/another admin/);
    // Nothing happened: still signed in, still active, both tasks still theirs, no history written.
    expect((await w.send(as, 'GET', '/api/me')).status).toBe(200);
    expect((await w.t.store.getUser(boss.id))?.disabled).toBe(false);
    for (const task of held) {
      expect(await w.t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: boss.id });
      expect(await returnEvents(task.instanceId)).toEqual([]);
    }
    // The refusal is in the access log, as a refused account change.
    const denied = await w.t.store.listAccess({ userId: boss.id, outcome: 'deny', limit: 10 });
    expect(denied.items.map((a) => a.detail)).toContain(`update of ${boss.id} refused: own account`);

    // Another admin disables them: both tasks go back.
    const disabled = await w.send(w.admin, 'PATCH', `/api/users/${boss.id}`, { disabled: true });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.body.tasksReturned).toBe(2);
    for (const task of held) expect(await returnEvents(task.instanceId)).toHaveLength(1);
  });

  it('disabling again returns nothing more and changes no history', async () => {
    const sam = await assistantWithTasks('sam-again', 'Sam Again', 1);
    const first = await w.send(w.admin, 'PATCH', `/api/users/${sam.id}`, { disabled: true });
    expect(first.body.tasksReturned).toBe(1);
    const again = await w.send(w.admin, 'PATCH', `/api/users/${sam.id}`, { disabled: true });
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
        w.send(person.as, 'POST', taskPath(racing.taskId, '/complete'), {
          outcome: 'sorted',
          data: { topic: 'medical-question', redFlags: false },
        }),
        new Promise((resolve) => (round % 2 ? setTimeout(resolve, 0) : setImmediate(resolve))).then(() =>
          w.send(w.admin, 'PATCH', `/api/users/${person.id}`, { disabled: true }),
        ),
      ]);
      expect(disabled.status, disabled.text).toBe(200);

      // The other task always goes back.
      expect(await w.t.store.getTask(other.taskId)).toMatchObject({ status: 'open', assignee: null });
      expect(await returnEvents(other.instanceId)).toHaveLength(1);

      const task = await w.t.store.getTask(racing.taskId);
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
        const events = await w.t.store.listEvents(racing.instanceId);
        expect(events.filter((e) => e.type === 'complete')).toEqual([]);
      }
    }
    expect(outcomes.completed + outcomes.returned).toBe(16);
  });

  it('a change sent by a person after their account was disabled is refused and writes nothing', async () => {
    const late = await assistantWithTasks('late-sender', 'Late Sender', 1);
    const task = late.tasks[0]!;
    const before = await w.t.store.getInstance(task.instanceId);
    // Disabled in the store, as another server process would: this request's sign-in was checked before.
    await w.t.store.disableUser(late.id);
    const { instances } = w.t;
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
    expect((await w.t.store.getInstance(task.instanceId))!.revision).toBe(before!.revision);
  });
});
