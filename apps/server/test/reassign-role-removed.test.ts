import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../src/auth/roles.ts';
import { type Answer, heldWork, taskPath } from './support/held-work.ts';

/**
 * A lead gives a task to a person at the moment an admin takes that person's role away (or disables
 * their account): the reassignment lands first (and the removal then returns the task to its pool), or
 * it is refused with a 409 saying why — never a task left held by someone who cannot work it. The
 * person is read when the lead's request arrives, so the check must be in the write itself.
 */

const REFILL = 'prescription-refill';
const REFILL_ROLE = 'refill-coordinator';
const TRIAGE_ROLE = 'medical-assistant';
const ROUNDS = 24;

const w = heldWork();

/** A new refill request: its first task waits in the refill coordinators' pool. */
const startRefill = () => w.start(REFILL);

/** Both requests leave together: each waits at the barrier, then `hops` turns of the event loop. */
async function released(barrier: Promise<void>, hops: number, go: () => Promise<Answer>): Promise<Answer> {
  await barrier;
  for (let i = 0; i < hops; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  return go();
}

/**
 * Holds the lead's write to `instanceId` at the store until the admin's save has answered, and says when
 * it arrived: the interleaving a busy server makes (the lead's request read the person, then waited for
 * the database while the admin's whole save ran). Over one socket in one process that window is a few
 * microseconds, so free-running rounds rarely see the race (in trials of 240 rounds, never); half the
 * rounds make it happen this way, the other half run free.
 */
function holdWrite(instanceId: string): {
  arrived: Promise<void>;
  until(saved: Promise<unknown>): void;
  done(): void;
} {
  const original = w.t.store.commitInstanceChange;
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  let saved: Promise<unknown> = Promise.resolve();
  w.t.store.commitInstanceChange = async (change) => {
    if (change.instanceId === instanceId) {
      arrive();
      await saved.catch(() => undefined);
    }
    return original.call(w.t.store, change);
  };
  return {
    arrived,
    until: (p) => {
      saved = p;
    },
    done: () => {
      w.t.store.commitInstanceChange = original;
    },
  };
}

/** The open tasks `personId` holds but cannot work: of a role they lack, or while disabled. */
async function strandedWith(personId: string): Promise<string[]> {
  const person = await w.t.store.getUser(personId);
  const held = await w.t.store.listTasks({ scope: 'mine', userId: personId, roles: [], limit: 500 });
  return held.items
    .filter((task) => !person || person.disabled || !person.roles.includes(task.role))
    .map((task) => `${task.id} held without ${task.role}${person?.disabled ? ' (disabled)' : ''}`);
}

/** The lead as the route reads them: their own roles only. */
function leadUser(): AuthUser {
  const u = w.t.user('lead');
  return { id: u.id, username: 'lead', displayName: 'lead', roles: ['designer'], via: 'session' };
}

describe('a reassignment racing the assignee losing the role', { timeout: 240_000 }, () => {
  it('decided before the role went, written after: refused with ASSIGNEE_LOST_ROLE, nothing written', async () => {
    const late = await w.t.addUser('late-assignee', [TRIAGE_ROLE, REFILL_ROLE]);
    const task = await startRefill();
    const before = await w.t.store.getInstance(task.instanceId);
    // The route read the person while they held the role; the role goes in the store before the write
    // (as another server process would, or an admin's save landing between the read and the commit).
    const person = (await w.t.store.getUser(late.id))!;
    await w.t.store.setUserRoles(late.id, [TRIAGE_ROLE]);
    await expect(
      w.t.instances.act({ user: leadUser(), role: null }, task.instanceId, {
        type: 'reassign',
        token: task.taskId.split(':').at(-1)!,
        person,
        assignee: late.id,
      }),
    ).rejects.toMatchObject({
      status: 409,
      code: 'ASSIGNEE_LOST_ROLE',
      // In words a lead reads: who, and the role by its title.
      message: expect.stringMatching(
        /^late-assignee no longer holds the role Pharmacy refill coordinator: an admin changed their roles just now/,
      ),
    });
    expect((await w.t.store.getInstance(task.instanceId))!.revision).toBe(before!.revision);
    expect(await w.t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: null });
  });

  it('decided before the account was disabled, written after: refused with ASSIGNEE_DISABLED', async () => {
    const late = await w.t.addUser('late-disabled', [REFILL_ROLE]);
    const task = await startRefill();
    const person = (await w.t.store.getUser(late.id))!;
    await w.t.store.updateUser(late.id, { disabled: true });
    await expect(
      w.t.instances.act({ user: leadUser(), role: null }, task.instanceId, {
        type: 'reassign',
        token: task.taskId.split(':').at(-1)!,
        person,
        assignee: late.id,
      }),
    ).rejects.toMatchObject({
      status: 409,
      code: 'ASSIGNEE_DISABLED',
      message: expect.stringMatching(/^late-disabled’s account was disabled just now/),
    });
    expect(await w.t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: null });
  });

  /**
   * One round: the lead gives the task to the person while the admin's change to that person leaves at
   * the same moment. In odd rounds the admin's save runs whole between the lead's read and write.
   */
  async function race(
    round: number,
    task: { taskId: string; instanceId: string },
    assignee: string,
    change: unknown,
  ): Promise<[Answer, Answer]> {
    let open!: () => void;
    const barrier = new Promise<void>((resolve) => {
      open = resolve;
    });
    const held = round % 2 ? holdWrite(task.instanceId) : null;
    try {
      const reassigning = released(barrier, 0, () =>
        w.send(w.lead, 'POST', taskPath(task.taskId, '/reassign'), { assignee }),
      );
      const saving = released(barrier, (round >> 1) % 4, async () => {
        await held?.arrived;
        return w.send(w.admin, 'PATCH', `/api/users/${assignee}`, change);
      });
      held?.until(saving);
      open();
      return await Promise.all([reassigning, saving]);
    } finally {
      held?.done();
    }
  }

  it(`${ROUNDS} rounds of a lead's reassignment and an admin's role removal released together`, async () => {
    const outcomes = { landedThenReturned: 0, refused: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const person = await w.t.addUser(`race-role-${round}`, [TRIAGE_ROLE, REFILL_ROLE]);
      const task = await startRefill();
      const [reassigned, saved] = await race(round, task, person.id, { roles: [TRIAGE_ROLE] });
      expect(saved.status, saved.text).toBe(200);
      expect(await strandedWith(person.id), `round ${round}`).toEqual([]);
      if (reassigned.status === 200) {
        outcomes.landedThenReturned++;
        expect(saved.body.tasksReturned, `round ${round}`).toBe(1);
      } else {
        outcomes.refused++;
        // Refused on the fresh read (422, before writing) or in the write (409): either says why.
        expect([409, 422], reassigned.text).toContain(reassigned.status);
        expect(['ASSIGNEE_LOST_ROLE', 'ASSIGNEE_INVALID']).toContain(reassigned.body.error.code);
        expect(saved.body.tasksReturned).toBe(0);
      }
      if (round % 2) expect(reassigned.body.error?.code, `round ${round}`).toBe('ASSIGNEE_LOST_ROLE');
      expect(await w.t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: null });
    }
    expect(outcomes.landedThenReturned + outcomes.refused).toBe(ROUNDS);
  });

  it(`${ROUNDS} rounds of a lead's reassignment and an admin's disable released together`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const person = await w.t.addUser(`race-disable-${round}`, [REFILL_ROLE]);
      const task = await startRefill();
      const [reassigned, saved] = await race(round, task, person.id, { disabled: true });
      expect(saved.status, saved.text).toBe(200);
      expect(await strandedWith(person.id), `round ${round}`).toEqual([]);
      if (reassigned.status !== 200) {
        expect([409, 422], reassigned.text).toContain(reassigned.status);
        expect(['ASSIGNEE_DISABLED', 'ASSIGNEE_INVALID']).toContain(reassigned.body.error.code);
      }
      if (round % 2) expect(reassigned.body.error?.code, `round ${round}`).toBe('ASSIGNEE_DISABLED');
      expect(await w.t.store.getTask(task.taskId)).toMatchObject({ status: 'open', assignee: null });
    }
  });
});
