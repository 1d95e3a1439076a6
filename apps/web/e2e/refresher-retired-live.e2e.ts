import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead retires a workflow while a medical assistant has My work open with a refresher for it: no new
 * request starts it, so nothing is left to practise, and "What changed for you" leaves the screen at
 * once, as a publish or a retirement updates every screen, not at the next minute's look. Brought
 * back, the refresher returns.
 */
const TRIAGE = 'portal-message-triage';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('a refresher for a workflow a lead retires', () => {
  it('leaves My work as the workflow is retired, and comes back with it', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const current = await lead<{
      draft: { revision: number };
      latest: { definition: { steps: Record<string, { deadline: { after: string } }> } };
    }>('GET', `/definitions/${TRIAGE}`);
    const definition = structuredClone(current.body.latest.definition);
    definition.steps['sort-message']!.deadline.after = 'P2D';
    expect(
      (await lead('PUT', `/definitions/${TRIAGE}`, { definition, revision: current.body.draft.revision }))
        .status,
    ).toBe(200);
    expect((await lead('POST', `/definitions/${TRIAGE}/publish`, {})).status).toBe(200);

    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      const card = page.getByTestId('refresher-card');
      await expect
        .poll(() => card.textContent(), { timeout: 15_000 })
        .toContain('Patient portal message triage');

      expect((await lead('POST', `/definitions/${TRIAGE}/retire`)).status).toBe(200);
      await card.waitFor({ state: 'detached', timeout: 15_000 });

      expect((await lead('DELETE', `/definitions/${TRIAGE}/retire`)).status).toBe(200);
      await expect
        .poll(() => card.textContent(), { timeout: 15_000 })
        .toContain('Patient portal message triage');
    } finally {
      await b.close();
    }
  }, 180_000);
});
