import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { publishDeadline } from './support/deadline-change.ts';
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
    const lead = await publishDeadline(server.url, TRIAGE, 'sort-message', 'P2D');

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
