import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * On a held lab result the provider chooses between "Release now" (the result goes to the patient) and
 * handing the task back to the pool. The button that hands it back says so — "Back to pool" — and not
 * "Release", which a provider deciding about releasing a result reads as releasing the result.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENT = 'DEMO-4301';
type Body = { instance: { active: Array<{ step: string; taskId: string }> } };

describe('handing a task back to the pool', () => {
  it('is a button named for what it does, beside the outcome that releases the result', async () => {
    const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await ma<Body>('POST', '/requests', {
      definitionId: 'lab-result-release',
      data: { patient: PATIENT, test: 'Lipid panel' },
    });
    expect(started.status).toBe(201);
    const verify = started.body.instance.active.find((a) => a.step === 'verify-result')!.taskId;
    expect((await ma('POST', `/tasks/${encodeURIComponent(verify)}/claim`)).status).toBe(200);
    const verified = await ma('POST', `/tasks/${encodeURIComponent(verify)}/complete`, {
      outcome: 'verified',
      data: { resultKind: 'lab', flag: 'normal', holdRequested: true },
    });
    expect(verified.status).toBe(200);

    const b = await openBrowser({ width: 1024, height: 768, touch: true });
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      await page.getByTestId('work-folder-pool-provider').tap();
      await page.getByTestId('task-list').getByText(`${PATIENT} · Result: Lipid panel`).first().tap();
      await page.getByTestId('claim-button').tap();
      await page.getByTestId('task-form').waitFor();
      const panel = page.getByTestId('task-panel');
      await panel.getByTestId('release-button').waitFor();
      expect(await panel.getByRole('button', { name: 'Release', exact: true }).count()).toBe(0);
      expect(await panel.getByRole('button', { name: 'Release now' }).count()).toBe(1);
      const back = panel.getByRole('button', { name: 'Back to pool' });
      expect(await back.getAttribute('data-testid')).toBe('release-button');

      await page.getByLabel('Note on this request').fill('Called away to a delivery; Dr. Chen will take it.');
      expect(await page.getByTestId('task-note-when').textContent()).toBe(
        'Saved with the outcome you choose below, with Back to pool, or now with Save note now.',
      );
      await back.tap();
      // Said as the button says it: "Released" over a lab result read as the result being released.
      await page
        .locator('.mantine-Notification-root', { hasText: 'Back in the pool' })
        .filter({ hasText: /is back in the Provider/ })
        .first()
        .waitFor();
      await page.getByTestId('task-panel-close').tap();
      await page.getByTestId('work-folder-pool-provider').tap();
      await page.getByTestId('task-list').getByText(`${PATIENT} · Result: Lipid panel`).first().waitFor();
    } finally {
      await b.close();
    }
  });
});
