// biome-ignore-all lint/suspicious/noExplicitAny: response bodies and example definitions are read as loose JSON
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';

/**
 * What a role gets after a published change matches what changed for that role. The billing question
 * gives the billing specialist two business days to reply instead of one: the specialist's own step
 * changed, so they read it and practise. The billing supervisor only receives that reply when it is
 * overdue: their refresher says exactly that (the new time and the old) and asks for no practice run,
 * since a practice run never goes overdue and they own no step to practise. The front desk's work did
 * not change: no refresher.
 */
const BILLING = 'billing-question';
const SPECIALIST = 'billing-specialist';
const SUPERVISOR = 'billing-supervisor';

describe('a refresher matches what changed for the role', () => {
  let t: TestApp;
  const as = (username: string) => t.token(username);
  const mine = async (username: string) => {
    const res = await t.call('GET', '/api/refreshers/mine', { as: await as(username) });
    expect(res.status, res.text).toBe(200);
    return (res.body.changes as any[]).filter((c) => c.definitionId === BILLING);
  };

  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t.close());

  async function publish(mutate: (definition: any) => void): Promise<number> {
    const lead = await as('lead');
    const current = await t.call('GET', `/api/definitions/${BILLING}`, { as: lead });
    const definition = structuredClone(current.body.latest.definition);
    mutate(definition);
    const saved = await t.call('PUT', `/api/definitions/${BILLING}`, {
      as: lead,
      body: { definition, revision: current.body.draft.revision },
    });
    expect(saved.status, saved.text).toBe(200);
    const published = await t.call('POST', `/api/definitions/${BILLING}/publish`, { as: lead, body: {} });
    expect(published.status, published.text).toBe(200);
    t.clock.advance('PT1H');
    return published.body.version.version as number;
  }

  it('the supervisor who only receives the overdue reply reads the new time, and needs no practice run', async () => {
    expect(
      await publish((d) => {
        d.steps['reply-to-patient'].deadline.after = 'P2D';
      }),
    ).toBe(2);

    const [specialist] = await mine(SPECIALIST);
    expect(specialist).toMatchObject({ role: SPECIALIST, done: false, practiceNeeded: true });

    const supervisor = await mine(SUPERVISOR);
    expect(supervisor).toHaveLength(1);
    expect(supervisor[0]).toMatchObject({
      role: SUPERVISOR,
      version: 2,
      previousVersion: 1,
      done: false,
      practiceNeeded: false,
      practiceDoneAt: null,
    });
    // One line, new time and old: not an escalation added and another taken away.
    expect(supervisor[0].change.count).toBe(1);
    expect(supervisor[0].change.escalationsChanged.map((c: any) => c.text)).toEqual([
      'Reply to the patient with the outcome (Patient billing specialist) escalated after 2 business days (was 1 business day)',
    ]);

    // Nothing the front desk or its supervisor does changed: no refresher at all.
    expect(await mine('front-desk')).toEqual([]);
    expect(await mine('front-office-supervisor')).toEqual([]);

    // Reading it finishes it.
    const ack = await t.call('POST', '/api/refreshers/acknowledge', {
      as: await as(SUPERVISOR),
      body: { definitionId: BILLING, version: 2, role: SUPERVISOR },
    });
    expect(ack.status, ack.text).toBe(200);
    expect(await mine(SUPERVISOR)).toEqual([
      expect.objectContaining({
        done: true,
        practiceNeeded: false,
        acknowledgedAt: ack.body.acknowledgement.at,
      }),
    ]);

    // The training record says the same: done by reading, no practice run asked for.
    const overview = await t.call('GET', '/api/refreshers', { as: await as('lead') });
    const row = overview.body.changes.find((r: any) => r.definitionId === BILLING && r.role === SUPERVISOR);
    expect(row.people).toEqual([
      expect.objectContaining({
        username: SUPERVISOR,
        done: true,
        practiceNeeded: false,
        practiceDoneAt: null,
      }),
    ]);
    const specialists = overview.body.changes.find(
      (r: any) => r.definitionId === BILLING && r.role === SPECIALIST,
    );
    expect(specialists.people).toEqual([
      expect.objectContaining({ username: SPECIALIST, done: false, practiceNeeded: true }),
    ]);
  });

  it('once the supervisor has a step of their own that changed, they practise it', async () => {
    expect(
      await publish((d) => {
        d.steps['offer-payment-plan'].outcomes['needs-approval'] = 'approve-plan';
        d.steps['approve-plan'] = {
          type: 'task',
          role: SUPERVISOR,
          title: 'Approve a payment plan longer than 12 months',
          outcomes: { approved: 'reply-to-patient' },
        };
      }),
    ).toBe(3);
    const supervisor = await mine(SUPERVISOR);
    expect(supervisor).toEqual([
      expect.objectContaining({ version: 3, previousVersion: 2, done: false, practiceNeeded: true }),
    ]);
    expect(supervisor[0].change.stepsAdded.map((c: any) => c.text)).toEqual([
      'Approve a payment plan longer than 12 months',
    ]);
  });
});
