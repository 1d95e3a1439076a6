import { afterAll, beforeAll, expect } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './app.ts';

/**
 * What the tests of drafts that lint refuses to publish share: a lead on a real app with nothing
 * published, a draft of front-desk tasks, and the refusal itself.
 */

/** A lead on a real app and libSQL file with no workflow published; set up before the file's tests. */
export function leadDrafting(): { t: TestApp; lead: AuthHeaders } {
  const world = {} as { t: TestApp; lead: AuthHeaders };
  beforeAll(async () => {
    world.t = await makeApp({ publish: false });
    world.lead = await world.t.session('lead');
  });
  afterAll(() => world.t?.close());
  return world;
}

/** A draft whose steps are the front desk's tasks (the first is the start), each done into `closed`. */
export function frontDeskDraft(
  id: string,
  title: string,
  tasks: Record<string, { title: string; help: string }>,
): {
  id: string;
  title: string;
  roles: unknown[];
  start: string;
  steps: Record<string, Record<string, unknown>>;
} {
  const steps: Record<string, Record<string, unknown>> = {};
  for (const [step, { title: taskTitle, help }] of Object.entries(tasks))
    steps[step] = { type: 'task', role: 'front-desk', title: taskTitle, help, outcomes: { done: 'closed' } };
  steps.closed = { type: 'end' };
  return {
    id,
    title,
    roles: [{ id: 'front-desk', name: 'Front desk' }],
    start: Object.keys(tasks)[0]!,
    steps,
  };
}

/** Publishing the draft at `revision` is refused for its lint errors and nothing is published; the findings. */
export async function publishRefused(
  world: { t: TestApp; lead: AuthHeaders },
  id: string,
  revision: number,
): Promise<Array<{ rule: string; path: string; message: string; step?: string }>> {
  const refused = await world.t.call('POST', `/api/definitions/${id}/publish`, {
    as: world.lead,
    body: { revision },
  });
  expect(refused.status, refused.text).toBe(422);
  expect(refused.body.error.code).toBe('LINT_ERRORS');
  expect(await world.t.store.getVersion(id)).toBeNull();
  return refused.body.error.details.findings;
}
