// biome-ignore-all lint/suspicious/noExplicitAny: response bodies and example definitions are read as loose JSON
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';

/**
 * A practice run is played through by whoever started it: the billing specialist's refresher of the
 * billing question starts a run whose first step is the front desk's. The specialist plays that step
 * (and the front desk's step later on) for practice, works their own steps, and finishing the run
 * finishes the refresher. Nobody else gains anything: see authorization-objects.test.ts.
 */
const BILLING = 'billing-question';
const SPECIALIST = 'billing-specialist';
/** Made up, as a practice run's start form is. */
const PRACTICE_START = { patient: 'PRACTICE-0001', channel: 'portal', question: 'Practice: the question' };

describe('the person who started a practice run plays every step of it', () => {
  let t: TestApp;
  const as = (username: string) => t.token(username);
  let instanceId = '';

  beforeAll(async () => {
    t = await makeApp();
    // Version 2: the specialist gets two business days to reply.
    const lead = await as('lead');
    const current = await t.call('GET', `/api/definitions/${BILLING}`, { as: lead });
    const definition = structuredClone(current.body.latest.definition);
    definition.steps['reply-to-patient'].deadline.after = 'P2D';
    const saved = await t.call('PUT', `/api/definitions/${BILLING}`, {
      as: lead,
      body: { definition, revision: current.body.draft.revision },
    });
    expect(saved.status, saved.text).toBe(200);
    expect((await t.call('POST', `/api/definitions/${BILLING}/publish`, { as: lead, body: {} })).status).toBe(
      200,
    );
    t.clock.advance('PT1H');
  });
  afterAll(() => t.close());

  const open = async (step: string) => {
    const instance = await t.call('GET', `/api/instances/${instanceId}`, { as: await as(SPECIALIST) });
    expect(instance.status, instance.text).toBe(200);
    const task = instance.body.instance.active.find((a: any) => a.step === step);
    expect(task, `${step} is open`).toBeDefined();
    return task.taskId as string;
  };
  const work = async (taskId: string, outcome: string, data: Record<string, unknown> = {}) => {
    const who = await as(SPECIALIST);
    const claimed = await t.call('POST', `/api/tasks/${taskId}/claim`, { as: who });
    expect(claimed.status, claimed.text).toBe(200);
    const done = await t.call('POST', `/api/tasks/${taskId}/complete`, { as: who, body: { outcome, data } });
    expect(done.status, done.text).toBe(200);
    return done.body;
  };

  it("opens the front desk's first step to the specialist who started the run, marked as played for practice", async () => {
    const started = await t.call('POST', '/api/instances', {
      as: await as(SPECIALIST),
      body: { definitionId: BILLING, practice: true, version: 2, data: PRACTICE_START },
    });
    expect(started.status, started.text).toBe(201);
    instanceId = started.body.instance.id;
    const first = started.body.instance.active[0];
    expect(first).toMatchObject({ step: 'log-question', role: 'front-desk' });

    const detail = await t.call('GET', `/api/tasks/${first.taskId}`, { as: await as(SPECIALIST) });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.practiceStandIn).toBe(true);
    // Nobody has acted on the run yet, but it is not offered for withdrawal: it reaches nobody.
    expect(detail.body.withdrawable).toBe(false);

    // In the specialist's practice pool (not in their real one), beside their own role's tasks.
    const pool = async (practice: boolean) =>
      (
        await t.call('GET', `/api/tasks?scope=pool${practice ? '&practice=true' : ''}`, {
          as: await as(SPECIALIST),
        })
      ).body.items.map((x: any) => x.id);
    expect(await pool(true)).toContain(first.taskId);
    expect(await pool(false)).not.toContain(first.taskId);
  });

  it('plays through to the end: the front desk steps for practice, the billing steps as their own', async () => {
    await work(await open('log-question'), 'logged', { requestType: 'statement-question' });
    // Their own step: no stand-in.
    const check = await open('check-account');
    const own = await t.call('GET', `/api/tasks/${check}`, { as: await as(SPECIALIST) });
    expect(own.body.practiceStandIn).toBe(false);
    await work(check, 'guarantor-wrong', { guarantorCorrect: false, insuranceIssue: false });
    // Back to the front desk, played again; then on to the end.
    await work(await open('fix-guarantor'), 'corrected');
    await work(await open('check-account'), 'checked', {
      guarantorCorrect: true,
      insuranceIssue: false,
      balance: 40,
    });
    await work(await open('offer-payment-plan'), 'declined');
    const last = await work(await open('reply-to-patient'), 'replied');
    expect(last.instance.status).toBe('done');

    // The history keeps the role each step belongs to, and who played it.
    const tasks = await t.store.listInstanceTasks(instanceId);
    const logged = tasks.find((x) => x.step === 'log-question')!;
    expect(logged).toMatchObject({ role: 'front-desk', closedBy: t.user(SPECIALIST).id, outcome: 'logged' });
  });

  it('finishing the run finishes the refresher of the version once it is read', async () => {
    const who = await as(SPECIALIST);
    const before = await t.call('GET', '/api/refreshers/mine', { as: who });
    const refresher = before.body.changes.find((c: any) => c.definitionId === BILLING);
    expect(refresher).toMatchObject({ version: 2, done: false, practiceNeeded: true });
    expect(refresher.practiceDoneAt).not.toBeNull();
    const ack = await t.call('POST', '/api/refreshers/acknowledge', {
      as: who,
      body: { definitionId: BILLING, version: 2, role: SPECIALIST },
    });
    expect(ack.status, ack.text).toBe(200);
    const after = await t.call('GET', '/api/refreshers/mine', { as: who });
    expect(after.body.changes.find((c: any) => c.definitionId === BILLING)).toMatchObject({ done: true });
  });
});
