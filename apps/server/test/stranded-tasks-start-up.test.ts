import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOLDER_DISABLED, HOLDER_LOST_ROLE } from '../src/accounts/return-held-tasks.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * A database from before taking a role away or disabling an account returned the person's tasks: some
 * open tasks are held by someone without their role, or by a disabled account, and nobody can work
 * them. The server's next start sends each back to its pool, once, with the history entry the removal
 * (or the disable) writes, recorded by the system; the audit chain still verifies; a second start finds
 * nothing to do; tasks held by someone who can work them stay theirs.
 */

const REFILL = 'prescription-refill';
const REFILL_ROLE = 'refill-coordinator';
const TRIAGE = 'portal-message-triage';
const TRIAGE_ROLE = 'medical-assistant';

let t: TestApp;
let lead: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  lead = await t.login('lead');
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function start(definitionId: string): Promise<{ instanceId: string; taskId: string }> {
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId, data: exampleStart(definitionId) },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return { instanceId: started.body.instance.id, taskId: started.body.instance.active[0].taskId };
}

async function claim(username: string, taskId: string): Promise<void> {
  const claimed = await t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/claim`, {
    as: await t.login(username),
  });
  expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
}

/** The server as `portalflow serve` starts it, on the test's database file. */
async function serve(): Promise<RunningServer> {
  return startServer({ port: 0, databaseUrl: t.dbUrl, quiet: true, clock: t.clock.now });
}

describe('tasks left with someone who can no longer work them, from before', { timeout: 120_000 }, () => {
  it('go back to their pools at the next start, with the removal’s history entry; once', async () => {
    const rosa = await t.addUser('rosa-old', [REFILL_ROLE, TRIAGE_ROLE]);
    const dan = await t.addUser('dan-old', [REFILL_ROLE]);
    const lostRole = await start(REFILL);
    const kept = await start(TRIAGE);
    const disabled = await start(REFILL);
    await claim('rosa-old', lostRole.taskId);
    await claim('rosa-old', kept.taskId);
    await claim('dan-old', disabled.taskId);
    // The old way: the role and the account change in the store alone, the tasks stay where they were.
    await t.store.setUserRoles(rosa.id, [TRIAGE_ROLE]);
    await t.store.updateUser(dan.id, { disabled: true });
    expect(await t.store.getTask(lostRole.taskId)).toMatchObject({ status: 'open', assignee: rosa.id });
    expect(await t.store.getTask(disabled.taskId)).toMatchObject({ status: 'open', assignee: dan.id });
    const before = await t.store.getInstance(lostRole.instanceId);

    const running = await serve();
    try {
      expect(await running.store.getTask(lostRole.taskId)).toMatchObject({ status: 'open', assignee: null });
      expect(await running.store.getTask(disabled.taskId)).toMatchObject({ status: 'open', assignee: null });
      // The task of the role she still holds stays hers.
      expect(await running.store.getTask(kept.taskId)).toMatchObject({ status: 'open', assignee: rosa.id });

      const last = async (instanceId: string) => (await running.store.listEvents(instanceId)).at(-1)!;
      expect(await last(lostRole.instanceId)).toMatchObject({
        type: 'reassign',
        actor: null,
        seq: before!.revision + 1,
        payload: { type: 'reassign', assignee: null, reason: HOLDER_LOST_ROLE },
      });
      expect(await last(disabled.instanceId)).toMatchObject({
        type: 'reassign',
        actor: null,
        payload: { assignee: null, reason: HOLDER_DISABLED },
      });
      // The history says why, in the words the removal uses.
      const history = await t.call('GET', `/api/instances/${lostRole.instanceId}/history`, { as: lead });
      expect(history.body.timeline.at(-1)).toMatchObject({ type: 'reassign', reason: HOLDER_LOST_ROLE });
      // The audit chain still holds, event by event, for both.
      for (const { instanceId } of [lostRole, disabled]) {
        const check = await running.store.verifyInstance(instanceId);
        expect(check, instanceId).toMatchObject({ ok: true });
      }
    } finally {
      await running.close();
    }

    // Once: a second start finds nothing left to return.
    const counts = await Promise.all(
      [lostRole, disabled].map(async (s) => (await t.store.listEvents(s.instanceId)).length),
    );
    const again = await serve();
    try {
      const after = await Promise.all(
        [lostRole, disabled].map(async (s) => (await again.store.listEvents(s.instanceId)).length),
      );
      expect(after).toEqual(counts);
    } finally {
      await again.close();
    }
  });
});
