import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A provider looks back at what they did today from Done. A finished task says when it was finished
 * and with what; it does not still count down to its deadline ("Due Tomorrow 10:10 AM · in 15 h"), nor
 * turn red as "Overdue" once that time passes, as if the work were still to do.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENT = 'DEMO-4302';
type Body = { instance: { active: Array<{ step: string; taskId: string }> } };

describe('a finished task opened from Done', () => {
  it('shows when it was finished, not a due time to work to', async () => {
    const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await ma<Body>('POST', '/requests', {
      definitionId: 'lab-result-release',
      data: { patient: PATIENT, test: 'Potassium' },
    });
    expect(started.status).toBe(201);
    const verify = started.body.instance.active.find((a) => a.step === 'verify-result')!.taskId;
    expect((await ma('POST', `/tasks/${encodeURIComponent(verify)}/claim`)).status).toBe(200);
    expect(
      (
        await ma('POST', `/tasks/${encodeURIComponent(verify)}/complete`, {
          outcome: 'verified',
          data: { resultKind: 'lab', flag: 'normal', holdRequested: false },
        })
      ).status,
    ).toBe(200);

    const b = await openBrowser({ width: 1024, height: 768, touch: true });
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      await page.getByTestId('work-folder-pool-provider').tap();
      await page.getByTestId('task-list').getByText(`${PATIENT} · Result: Potassium`).first().tap();
      await page.getByTestId('claim-button').tap();
      const panel = page.getByTestId('task-panel');
      // While it is open, the due time is there to work to.
      await panel.getByTestId('due-chip').waitFor();
      await page
        .getByTestId('form-field-patientComment')
        .fill('Your potassium is normal. No change to your medicines.');
      await page.getByTestId('outcome-button-commented').tap();
      await page
        .getByText(/Completed/)
        .first()
        .waitFor();

      await page.getByTestId('work-folder-done').tap();
      await page.getByTestId('task-list').getByText(`${PATIENT} · Result: Potassium`).first().tap();
      await panel.getByText('This task is closed').first().waitFor();
      await panel.getByText(/You finished it at .+ with “Commented”/).waitFor();
      expect(await panel.getByTestId('due-chip').count()).toBe(0);
      expect(await panel.getByTestId('due-relative').count()).toBe(0);
      expect(await panel.textContent()).not.toMatch(/Overdue|Due (Today|Tomorrow)/);
    } finally {
      await b.close();
    }
  });
});
