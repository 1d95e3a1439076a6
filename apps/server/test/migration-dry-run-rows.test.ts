import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parkedAt } from '../../../packages/engine/test/support/migration.ts';
import { makeApp, type TestApp } from './support/app.ts';
import { LAB, park, publishLabV2 } from './support/migration.ts';

type Step = { step: string; due: string | null };
type Row = { instanceId: string; subject: string; now: Step[]; after: Step[] };

/**
 * Before moving running requests to a new version the lead reads, for each one, which request it is
 * (its subject, as the Team page and the pools name it) and when each open step is due now and after
 * the move: version 2 of the lab example shortens the abnormal result's review from 2 business days
 * to 1, so that request's review falls due a day sooner.
 */
describe('a dry run names each request and its due times', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
    await publishLabV2(t);
  }, 60_000);
  afterEach(() => t.close());

  it('gives the subject, and the due time before and after the move', async () => {
    const lead = await t.session('lead');
    const id = await park(t, parkedAt['harm-review+abnormal-review']!);
    const open = await t.call('GET', `/api/instances?definitionId=${LAB}&status=active`, { as: lead });
    const subject = open.body.items.find((i: { id: string }) => i.id === id).subject as string;
    expect(subject).toMatch(/\S/);
    const instance = (await t.store.getInstance(id))!;
    const dueBefore = Object.values(instance.snapshot.context.active).find(
      (a) => a.step === 'abnormal-review',
    )!.due!;

    const created = await t.call('POST', '/api/migrations', {
      as: lead,
      body: { definitionId: LAB, fromVersion: 1, toVersion: 2 },
    });
    const dry = await t.call('POST', `/api/migrations/${created.body.plan.id}/dry-run`, {
      as: lead,
      body: {},
    });
    expect(dry.status, dry.text).toBe(200);
    const row = dry.body.rows.find((r: Row) => r.instanceId === id) as Row;
    expect(row.subject).toBe(subject);
    const review = (steps: Step[]) => steps.find((s) => s.step === 'abnormal-review')!;
    expect(review(row.now).due).toBe(dueBefore);
    expect(review(row.after).due).not.toBeNull();
    expect(Date.parse(review(row.after).due!)).toBeLessThan(Date.parse(dueBefore));
  });
});
