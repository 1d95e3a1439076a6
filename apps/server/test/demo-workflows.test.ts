import { type Definition, parseDefinition, type TaskStep } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import type { Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/demo.ts';
import { makeApp, type TestApp } from './support/app.ts';

/**
 * A demo database outlives the release that seeded it: started again by a newer release, the demo
 * shows the workflows that release bundles (a step that gained a form, say), unless someone at the
 * clinic has made the workflow their own by publishing or editing it.
 */

const LAB = 'lab-result-release';
const BILLING = 'billing-question';
const PASSWORD = 'a demo password for tests';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ publish: false, users: [] });
  await seedDemo(t.store, t.instances, t.clock.now, PASSWORD);
}, 120_000);
afterAll(() => t?.close());

const bundled = (id: string): Definition =>
  parseDefinition(workflows.find((w) => w.id === id)!.definition, { filename: `${id}.json` });

/** Saves and publishes a definition straight to the store, by `who` (null: the seed itself). */
async function publish(store: Store, definition: Definition, who: string | null): Promise<number> {
  const draft = await store.getDraft(definition.id);
  const saved = await store.saveDraft({
    id: definition.id,
    title: definition.title,
    definition,
    expectedRevision: draft?.revision ?? 0,
    updatedBy: who,
    at: t.clock.now(),
  });
  if (!saved.ok) throw new Error(`could not save ${definition.id}`);
  const published = await store.publish({
    definitionId: definition.id,
    expectedRevision: saved.draft.revision,
    publishedBy: who,
    at: t.clock.now(),
  });
  if (!published.ok) throw new Error(`could not publish ${definition.id}`);
  return published.version.version;
}

const abnormalReview = (d: Definition) => d.steps['abnormal-review'] as TaskStep;

describe('the demo started again by a newer release', () => {
  it('publishes a bundled workflow that changed since the seed published it, and nothing else', async () => {
    // As an earlier release seeded it: the provider's review step without its form.
    const earlier = structuredClone(bundled(LAB));
    delete abnormalReview(earlier).form;
    const old = await publish(t.store, earlier, null);
    const before = await t.store.getVersion(BILLING);

    const again = await seedDemo(t.store, t.instances, t.clock.now, PASSWORD);

    expect(again.published).toEqual([LAB]);
    const latest = (await t.store.getVersion(LAB))!;
    expect(latest.version).toBe(old + 1);
    expect(abnormalReview(latest.definition).form?.map((f) => f.id)).toEqual([
      'patientComment',
      'planForNurse',
    ]);
    expect((await t.store.getVersion(BILLING))!.version).toBe(before!.version);
    // Started again by the same release: nothing more to publish.
    expect((await seedDemo(t.store, t.instances, t.clock.now, PASSWORD)).published).toEqual([]);
  });

  it('leaves a workflow someone at the clinic published, or is editing, as they left it', async () => {
    const lead = (await t.store.findUserByUsername('lead'))!;
    const theirs = structuredClone(bundled(LAB));
    delete abnormalReview(theirs).form;
    const published = await publish(t.store, theirs, lead.id);

    // Billing as an earlier release seeded it, which the lead has since started to edit.
    const earlier = structuredClone(bundled(BILLING));
    for (const step of Object.values(earlier.steps))
      for (const field of step.type === 'task' ? (step.form ?? []) : []) delete field.money;
    const seeded = await publish(t.store, earlier, null);
    const editing = { ...earlier, title: 'Billing questions (being reworded)' };
    const draft = await t.store.getDraft(BILLING);
    const saved = await t.store.saveDraft({
      id: BILLING,
      title: editing.title,
      definition: editing,
      expectedRevision: draft!.revision,
      updatedBy: lead.id,
      at: t.clock.now(),
    });
    expect(saved.ok).toBe(true);

    const again = await seedDemo(t.store, t.instances, t.clock.now, PASSWORD);

    expect(again.published).toEqual([]);
    expect((await t.store.getVersion(LAB))!.version).toBe(published);
    expect((await t.store.getVersion(BILLING))!.version).toBe(seeded);
    expect((await t.store.getDraft(BILLING))!.title).toBe('Billing questions (being reworded)');
  });
});
