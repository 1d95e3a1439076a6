import { readFileSync } from 'node:fs';
import type { EngineEvent } from '@portalflow/engine';
import { exampleStart, type TestApp } from './app.ts';

/** Version 2 of the lab result example: a renamed, a removed and an added step, a changed owner. */
export const labV2Definition = (): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      new URL('../../../../examples/versions/lab-result-release-v2.json', import.meta.url),
      'utf8',
    ),
  );

export const LAB = 'lab-result-release';

/** Publishes version 2 through the API as the lead. */
export async function publishLabV2(t: TestApp): Promise<void> {
  const lead = await t.session('lead');
  const current = await t.call('GET', `/api/definitions/${LAB}`, { as: lead });
  const saved = await t.call('PUT', `/api/definitions/${LAB}`, {
    as: lead,
    body: { definition: labV2Definition(), revision: current.body.draft.revision },
  });
  if (saved.status !== 200) throw new Error(`save v2: ${saved.text}`);
  const published = await t.call('POST', `/api/definitions/${LAB}/publish`, { as: lead, body: {} });
  if (published.status !== 200 || published.body.version.version !== 2)
    throw new Error(`publish v2: ${published.text}`);
}

/**
 * Starts an instance of version 1 as the lead and applies `events` through the task API, each as the
 * user named after the role that owns the step (the demo convention). Returns the instance id.
 */
export async function park(t: TestApp, events: readonly EngineEvent[], practice = false): Promise<string> {
  const lead = await t.session('lead');
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: LAB, version: 1, data: exampleStart(LAB), practice },
  });
  if (started.status !== 201) throw new Error(`start: ${started.text}`);
  const id = started.body.instance.id as string;
  for (const event of events) {
    if (event.type !== 'complete') throw new Error('only completions are scripted');
    const res = await complete(t, id, event.step, event.outcome, event.role, event.data);
    if (res.status !== 200) throw new Error(`${event.step} → ${event.outcome}: ${res.text}`);
    t.clock.advance('PT5M');
  }
  return id;
}

/** Completes the open task of `step` in the instance as the user named `as`. */
export async function complete(
  t: TestApp,
  instanceId: string,
  step: string,
  outcome: string,
  as: string,
  data?: Record<string, unknown>,
) {
  const instance = await t.store.getInstance(instanceId);
  const task = Object.values(instance!.snapshot.context.active).find((a) => a.step === step);
  if (!task) return { status: 409, text: `no open ${step}`, body: null };
  return t.call('POST', `/api/tasks/${instanceId}:${task.token}/complete`, {
    as: await t.session(as),
    body: { outcome, ...(data ? { data } : {}) },
  });
}
