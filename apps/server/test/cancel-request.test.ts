import { addWallDuration } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * A lead cancels a request started twice: one of two leads acting at the same moment wins, the
 * other hears it has ended; staff cannot cancel; whoever held its task sees it closed, and its
 * history says who cancelled it and why.
 */

const REFILL = 'prescription-refill';

let t: TestApp;
let desk: AuthHeaders;
let coordinator: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  [desk, coordinator] = await Promise.all([t.login('front-desk'), t.login('refill-coordinator')]);
});
afterAll(async () => {
  await t?.close();
});

async function startRefill(): Promise<{ instanceId: string; taskId: string }> {
  const started = await t.call('POST', '/api/requests', {
    as: desk,
    body: { definitionId: REFILL, data: exampleStart(REFILL) },
  });
  expect(started.status, started.text).toBe(201);
  const instanceId = started.body.instance.id as string;
  const pool = await t.call('GET', `/api/tasks?scope=pool&definitionId=${REFILL}&limit=200`, {
    as: coordinator,
  });
  const task = pool.body.items.find((x: { instanceId: string }) => x.instanceId === instanceId);
  return { instanceId, taskId: task.id };
}

const cancel = (as: AuthHeaders, instanceId: string, reason: string) =>
  t.call('POST', `/api/instances/${instanceId}/cancel`, { as, body: { reason } });

const taskPath = (taskId: string) => `/api/tasks/${encodeURIComponent(taskId)}`;
const claim = (as: AuthHeaders, taskId: string) => t.call('POST', `${taskPath(taskId)}/claim`, { as });
/** Logs the billing question: the first task's own completion, its data the patient's. */
const complete = (as: AuthHeaders, taskId: string) =>
  t.call('POST', `${taskPath(taskId)}/complete`, {
    as,
    body: { outcome: 'logged', data: { requestType: 'statement-question' } },
  });

/** Whether the task's reader is offered to withdraw its request. */
async function withdrawable(as: AuthHeaders, taskId: string): Promise<boolean> {
  const r = await t.call('GET', taskPath(taskId), { as });
  expect(r.status, r.text).toBe(200);
  return r.body.withdrawable as boolean;
}

/** A billing question the front desk logs: its first task waits in the front desk's own pool. */
const PATIENT = exampleStart('billing-question').patient as string;
async function startBilling(): Promise<{ instanceId: string; taskId: string }> {
  const started = await t.call('POST', '/api/requests', {
    as: desk,
    body: { definitionId: 'billing-question', data: exampleStart('billing-question') },
  });
  expect(started.status, started.text).toBe(201);
  return { instanceId: started.body.instance.id, taskId: started.body.instance.active[0].taskId };
}

describe('cancelling a request', () => {
  it('staff cannot; of two leads at once one cancels and the other gets 409; the task closes with the reason in its history', async () => {
    const { instanceId, taskId } = await startRefill();
    expect(
      (await t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/claim`, { as: coordinator })).status,
    ).toBe(200);

    const refused = await cancel(coordinator, instanceId, 'Duplicate request');
    expect(refused.status).toBe(403);

    const [lead, admin] = await Promise.all([t.login('lead'), t.login('admin')]);
    const both = await Promise.all([
      cancel(lead, instanceId, 'Duplicate request: same as the one from 9:10'),
      cancel(admin, instanceId, 'Started in error'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = both.find((r) => r.status === 409)!;
    expect(lost.body.error.code).toBe('INSTANCE_ENDED');
    const winner = both.findIndex((r) => r.status === 200);
    const reason = winner === 0 ? 'Duplicate request: same as the one from 9:10' : 'Started in error';

    // The coordinator who held the task: closed, and the history says why.
    const task = await t.call('GET', `/api/tasks/${encodeURIComponent(taskId)}`, { as: coordinator });
    expect(task.body.task?.status ?? task.body.status).toBe('closed');
    const history = await t.call('GET', `/api/instances/${instanceId}/history?values=true`, {
      as: coordinator,
    });
    expect(history.status).toBe(200);
    const last = history.body.timeline.at(-1);
    expect(last.type).toBe('cancel');
    expect(last.summary).toBe(`cancelled: ${reason}`);
    // Their bell says so; the lead who cancelled it is told nothing.
    const bell = await t.call('GET', '/api/notifications', { as: coordinator });
    expect(
      bell.body.notifications.filter(
        (n: { kind: string; instanceId: string }) => n.instanceId === instanceId,
      ),
    ).toEqual([expect.objectContaining({ kind: 'cancelled', taskId })]);
    // Completing it now is refused: nothing more is done on a cancelled request.
    const late = await t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, {
      as: coordinator,
      body: { outcome: 'prepared', data: {} },
    });
    expect(late.status).toBe(409);
  });

  it('whoever started a request may withdraw it until someone acts on it; nobody else on staff may', async () => {
    const { instanceId } = await startRefill();
    // Another front-desk person did not start it.
    const other = await t.login('medical-assistant');
    expect((await cancel(other, instanceId, 'Started in error')).status).toBe(403);
    const withdrawn = await cancel(desk, instanceId, 'Started in error: wrong medication');
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.instance.status).toBe('cancelled');
  });

  it('a claim and the starter’s withdrawal sent together: exactly one wins, the other gets 409', async () => {
    for (let round = 0; round < 6; round++) {
      const { instanceId, taskId } = await startRefill();
      const [claim, withdraw] = await Promise.all([
        t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/claim`, { as: coordinator }),
        cancel(desk, instanceId, 'Started in error'),
      ]);
      const statuses = [claim.status, withdraw.status].sort();
      expect(statuses, `${claim.text} / ${withdraw.text}`).toEqual([200, 409]);
      const after = await t.store.getInstance(instanceId);
      if (withdraw.status === 200) {
        expect(after?.status).toBe('cancelled');
        expect(claim.body.error.code).toBe('TASK_CLOSED');
      } else {
        expect(withdraw.body.error.code).toBe('REQUEST_UNDER_WAY');
        expect(after?.status).toBe('active');
      }
      // Once someone has acted, the starter is told to ask a lead.
      const late = await cancel(desk, instanceId, 'Started in error');
      expect(late.status).toBe(409);
    }
  });

  it('a task says whether its reader may withdraw the request: only whoever started it, until anyone acts on it', async () => {
    // A billing question's first task is the front desk's own, so its starter opens it in their pool.
    const started = await t.call('POST', '/api/requests', {
      as: desk,
      body: { definitionId: 'billing-question', data: exampleStart('billing-question') },
    });
    expect(started.status, started.text).toBe(201);
    const instanceId = started.body.instance.id as string;
    const taskId = started.body.instance.active[0].taskId as string;
    const read = async (as: AuthHeaders) => {
      const r = await t.call('GET', `/api/tasks/${encodeURIComponent(taskId)}`, { as });
      expect(r.status, r.text).toBe(200);
      return r.body.withdrawable as boolean;
    };
    await t.addUser('desk-colleague', ['front-desk']);
    const colleague = await t.login('desk-colleague');
    const lead = await t.login('lead');
    expect(await read(desk)).toBe(true);
    expect(await read(colleague)).toBe(false);
    expect(await read(lead)).toBe(false);

    expect(
      (await t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/claim`, { as: colleague })).status,
    ).toBe(200);
    expect(await read(desk)).toBe(false);
    const late = await cancel(desk, instanceId, 'Started in error');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REQUEST_UNDER_WAY');

    // Withdrawn, it has nothing left to withdraw.
    const again = await t.call('POST', '/api/requests', {
      as: desk,
      body: { definitionId: 'billing-question', data: exampleStart('billing-question') },
    });
    const againTask = again.body.instance.active[0].taskId as string;
    expect((await cancel(desk, again.body.instance.id, 'Started in error')).status).toBe(200);
    const ended = await t.call('GET', `/api/tasks/${encodeURIComponent(againTask)}`, { as: desk });
    expect(ended.status).toBe(200);
    expect(ended.body.withdrawable).toBe(false);
  });

  it('the starter taking its first task themselves, or a deadline passing, leaves it theirs to withdraw', async () => {
    // Taken and put back by its starter: still nobody else's work.
    const own = await startBilling();
    expect((await claim(desk, own.taskId)).status).toBe(200);
    expect(await withdrawable(desk, own.taskId)).toBe(true);
    expect((await t.call('POST', `${taskPath(own.taskId)}/release`, { as: desk })).status).toBe(200);
    expect((await claim(desk, own.taskId)).status).toBe(200);
    expect(await withdrawable(desk, own.taskId)).toBe(true);
    const withdrawn = await cancel(desk, own.instanceId, 'Logged twice');
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.instance.status).toBe('cancelled');

    // Its first task's deadline passes (four opening hours) and it goes to the supervisor: no person acted.
    const late = await startBilling();
    const fired = await t.advanceTo(addWallDuration(t.clock.now(), 'P3D'));
    expect(fired).toBeGreaterThan(0);
    // Three days on, the front desk signs in again.
    desk = await t.login('front-desk');
    const events = await t.store.listEvents(late.instanceId);
    expect(events.map((e) => e.type)).toEqual(['start', 'timer-fired']);
    // The task is the supervisor's now: its starter sees the request in a status lookup.
    const looked = await t.call('POST', '/api/requests/status', { as: desk, body: { patient: PATIENT } });
    expect(looked.status, looked.text).toBe(200);
    expect(
      looked.body.requests.find((r: { instanceId: string }) => r.instanceId === late.instanceId),
    ).toMatchObject({ withdrawable: true });
    expect((await cancel(desk, late.instanceId, 'Logged twice')).status).toBe(200);
  });

  it('a completion, even the starter’s own, ends it; so does a colleague taking the task', async () => {
    const done = await startBilling();
    expect((await claim(desk, done.taskId)).status).toBe(200);
    expect((await complete(desk, done.taskId)).status).toBe(200);
    const refused = await cancel(desk, done.instanceId, 'Started in error');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('REQUEST_UNDER_WAY');

    const taken = await startBilling();
    await t.addUser('desk-neighbour', ['front-desk']);
    expect((await claim(await t.login('desk-neighbour'), taken.taskId)).status).toBe(200);
    expect(await withdrawable(desk, taken.taskId)).toBe(false);
    expect((await cancel(desk, taken.instanceId, 'Started in error')).body.error.code).toBe(
      'REQUEST_UNDER_WAY',
    );
  });

  it('a completion and the starter’s withdrawal sent together, after the starter took the task: one wins, the other gets 409', async () => {
    const outcomes = { completed: 0, withdrawn: 0 };
    for (let round = 0; round < 12; round++) {
      const { instanceId, taskId } = await startBilling();
      expect((await claim(desk, taskId)).status).toBe(200);
      // Every other round the withdrawal leaves a moment later: both orders of the two commits happen.
      const [completed, withdrawn] = await Promise.all([
        complete(desk, taskId),
        new Promise((resolve) => (round % 2 ? setTimeout(resolve, 0) : setImmediate(resolve))).then(() =>
          cancel(desk, instanceId, 'Started in error'),
        ),
      ]);
      expect([completed.status, withdrawn.status].sort(), `${completed.text} / ${withdrawn.text}`).toEqual([
        200, 409,
      ]);
      const after = await t.store.getInstance(instanceId);
      const types = (await t.store.listEvents(instanceId)).map((e) => e.type);
      if (withdrawn.status === 200) {
        outcomes.withdrawn++;
        expect(after?.status).toBe('cancelled');
        expect(completed.body.error.code).toBe('TASK_CLOSED');
        expect(types).not.toContain('complete');
      } else {
        outcomes.completed++;
        expect(withdrawn.body.error.code).toBe('REQUEST_UNDER_WAY');
        expect(after?.status).toBe('active');
        expect(types).not.toContain('cancel');
      }
    }
    expect(outcomes.completed + outcomes.withdrawn).toBe(12);
  });
});
