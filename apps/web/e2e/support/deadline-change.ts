import { expect } from 'vitest';
import { apiSession } from './api.ts';
import { PASSWORD } from './server.ts';

/**
 * A lead gives one step of a workflow another deadline and publishes it: the smallest change that makes
 * a new version (a refresher for the roles it touches, a deadline that runs out while a test waits).
 * Returns the lead's session for what the test does next.
 */
export async function publishDeadline(
  url: string,
  definitionId: string,
  step: string,
  after: string,
): Promise<Awaited<ReturnType<typeof apiSession>>> {
  const lead = await apiSession(url, 'lead', PASSWORD);
  const current = await lead<{
    draft: { revision: number };
    latest: { definition: { steps: Record<string, { deadline: { after: string } }> } };
  }>('GET', `/definitions/${definitionId}`);
  const definition = structuredClone(current.body.latest.definition);
  definition.steps[step]!.deadline.after = after;
  expect(
    (await lead('PUT', `/definitions/${definitionId}`, { definition, revision: current.body.draft.revision }))
      .status,
  ).toBe(200);
  expect((await lead('POST', `/definitions/${definitionId}/publish`, {})).status).toBe(200);
  return lead;
}
