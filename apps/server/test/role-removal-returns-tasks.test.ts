import { describe, expect, it } from 'vitest';
import { heldWork, taskPath } from './support/held-work.ts';
import { openSse, type SseEvent } from './support/sse.ts';

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

const w = heldWork();

/** The events that returned a task to its pool because its holder lost the role. */
const returnEvents = (instanceId: string) => w.returnEvents(instanceId, WHY);

/** A live-update event saying request `instanceId` changed. */
const about = (instanceId: string) => (f: SseEvent) =>
  f.event === 'instance.changed' && JSON.parse(f.data).instanceId === instanceId;

describe('taking a role from a person returns the tasks they hold in it', { timeout: 120_000 }, () => {
  it('the admin hears the count per role first; saving returns exactly the removed role’s tasks, with history', async () => {
    const hannah = await w.t.addUser('hannah-lee', [TRIAGE_ROLE, REFILL_ROLE]);
    const as = await w.t.login('hannah-lee');
    const refills = [await w.start(REFILL), await w.start(REFILL)];
    const triage = await w.start(TRIAGE);
    for (const task of [...refills, triage]) await w.claim(as, task);

    // Before saving: how many open tasks she holds, per role (a count only).
    const held = await w.send(w.admin, 'GET', `/api/users/${hannah.id}/held-tasks`);
    expect(held.status, held.text).toBe(200);
    expect(held.body).toEqual({ open: 3, byRole: { [REFILL_ROLE]: 2, [TRIAGE_ROLE]: 1 } });

    const pool = await openSse(`${w.server.base}/api/events`, await w.t.login(REFILL_ROLE));
    expect(pool.status).toBe(200);
    try {
      const saved = await w.send(w.admin, 'PATCH', `/api/users/${hannah.id}`, { roles: [TRIAGE_ROLE] });
      expect(saved.status, saved.text).toBe(200);
      expect(saved.body.tasksReturned).toBe(2);

      const adminId = w.t.user('admin').id;
      for (const { instanceId, taskId } of refills) {
        expect(await w.t.store.getTask(taskId)).toMatchObject({
          status: 'open',
          assignee: null,
          role: REFILL_ROLE,
        });
        const returned = await returnEvents(instanceId);
        expect(returned).toHaveLength(1);
        expect(returned[0]).toMatchObject({ actor: adminId, payload: { assignee: null } });
        const history = await w.send(w.lead, 'GET', `/api/instances/${instanceId}/history`);
        expect(history.body.timeline.at(-1)).toMatchObject({ type: 'reassign', actor: adminId, reason: WHY });
        // The refill coordinators' screens update: the task is back in their pool.
        await pool.next(about(instanceId));
      }
      // The task of the role she keeps stays hers.
      expect(await w.t.store.getTask(triage.taskId)).toMatchObject({ status: 'open', assignee: hannah.id });
      expect(await returnEvents(triage.instanceId)).toEqual([]);

      // A refill coordinator can claim them now.
      await w.claim(await w.t.login(REFILL_ROLE), refills[0]!);
      // The access log says what went back, as for a disable.
      const log = await w.t.store.listAccess({ userId: adminId, limit: 20 });
      expect(log.items.map((a) => a.detail)).toContain(
        `updated ${hannah.id}: roles; 2 open tasks back to their pools`,
      );
    } finally {
      pool.close();
    }
  });

  it('saving roles that take nothing away returns nothing', async () => {
    const kai = await w.t.addUser('kai-keeps', [TRIAGE_ROLE]);
    const as = await w.t.login('kai-keeps');
    const task = await w.start(TRIAGE);
    await w.claim(as, task);
    const saved = await w.send(w.admin, 'PATCH', `/api/users/${kai.id}`, {
      roles: [TRIAGE_ROLE, REFILL_ROLE],
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.tasksReturned).toBe(0);
    expect(await w.t.store.getTask(task.taskId)).toMatchObject({ assignee: kai.id });
  });

  it('a staff list that takes a role away returns what the person holds in it, too', async () => {
    const lou = await w.t.addUser('lou-list', [TRIAGE_ROLE, REFILL_ROLE]);
    const as = await w.t.login('lou-list');
    const refill = await w.start(REFILL);
    const triage = await w.start(TRIAGE);
    for (const task of [refill, triage]) await w.claim(as, task);
    const csv = ['username,display name,roles', `lou-list,Lou List,${TRIAGE_ROLE}`].join('\n');
    const applied = await w.send(w.admin, 'POST', '/api/users/import', { csv });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.rows[0]).toMatchObject({ username: 'lou-list', outcome: 'updated' });
    expect(await w.t.store.getTask(refill.taskId)).toMatchObject({ status: 'open', assignee: null });
    expect(await returnEvents(refill.instanceId)).toHaveLength(1);
    expect(await w.t.store.getTask(triage.taskId)).toMatchObject({ assignee: lou.id });
  });

  it('a claim decided before the role went, committing after, is refused and writes nothing', async () => {
    const late = await w.t.addUser('late-claimer', [TRIAGE_ROLE, REFILL_ROLE]);
    const task = await w.start(REFILL);
    const before = await w.t.store.getInstance(task.instanceId);
    // The role goes in the store, as another server process would: this claim's roles were read before.
    await w.t.store.setUserRoles(late.id, [TRIAGE_ROLE]);
    await expect(
      w.t.instances.act(
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
    expect((await w.t.store.getInstance(task.instanceId))!.revision).toBe(before!.revision);
    expect(await w.t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: null });
  });

  it('a claim racing the role removal: it lands first and goes back, or is refused; never left held', async () => {
    const outcomes = { claimedThenReturned: 0, refused: 0 };
    for (let round = 0; round < 16; round++) {
      const person = await w.t.addUser(`racing-role-${round}`, [TRIAGE_ROLE, REFILL_ROLE]);
      const as = await w.t.login(`racing-role-${round}`);
      const task = await w.start(REFILL);
      // The removal leaves a moment later every other round: both orders of the two commits happen.
      const [claimed, saved] = await Promise.all([
        w.send(as, 'POST', taskPath(task.taskId, '/claim')),
        new Promise((resolve) => (round % 2 ? setTimeout(resolve, 0) : setImmediate(resolve))).then(() =>
          w.send(w.admin, 'PATCH', `/api/users/${person.id}`, { roles: [TRIAGE_ROLE] }),
        ),
      ]);
      expect(saved.status, saved.text).toBe(200);
      // Whatever the order: the task is in its pool, held by nobody.
      expect(await w.t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: null });
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
      const held = await w.send(w.admin, 'GET', `/api/users/${person.id}/held-tasks`);
      expect(held.body).toEqual({ open: 0, byRole: {} });
    }
    expect(outcomes.claimedThenReturned + outcomes.refused).toBe(16);
  });
});
