import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A provider looks back from Done at a result they commented on. The finished task reads as done:
 * what they answered (in the request's details), when and with what, and a box for a further note —
 * not "Finish this step" again, with the answers greyed out, a field marked as needed "to finish as"
 * an outcome not chosen, and outcome buttons that cannot be pressed.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENT = 'DEMO-4531';
type Body = { instance: { active: Array<{ step: string; taskId: string }> } };

describe('a finished task opened from Done', () => {
  it('shows what was answered, and a note box, not the form to finish it again', async () => {
    const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await ma<Body>('POST', '/requests', {
      definitionId: 'lab-result-release',
      data: { patient: PATIENT, test: 'Hemoglobin A1c' },
    });
    expect(started.status).toBe(201);
    const verify = started.body.instance.active.find((a) => a.step === 'verify-result')!.taskId;
    expect((await ma('POST', `/tasks/${encodeURIComponent(verify)}/claim`)).status).toBe(200);
    const verified = await ma('POST', `/tasks/${encodeURIComponent(verify)}/complete`, {
      outcome: 'verified',
      data: { resultKind: 'lab', flag: 'abnormal', holdRequested: false },
    });
    expect(verified.status).toBe(200);

    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      await page.getByTestId('work-folder-pool-provider').click();
      await page.getByTestId('task-list').getByText(`${PATIENT} · Result: Hemoglobin A1c`).first().click();
      await page.getByTestId('claim-button').click();
      const panel = page.getByTestId('task-panel');
      const comment = 'Your A1c is a little high. Our nurse will call you to book a visit.';
      await panel.getByTestId('form-field-patientComment').fill(comment);
      await panel.getByTestId('form-field-planForNurse').fill('Visit within 2 weeks to adjust metformin.');
      // The triage nurse calls next: the request goes on.
      await panel.getByTestId('outcome-button-nurse-to-call').click();
      await page
        .getByText(/Completed/)
        .first()
        .waitFor();

      await page.getByTestId('work-folder-done').click();
      await page.getByTestId('task-list').getByText(`${PATIENT} · Result: Hemoglobin A1c`).first().click();
      await panel.getByText(/You finished it at .+ with “Nurse to call”/).waitFor();
      // Whose it was, in the past: it is nobody's to work on now.
      expect(await panel.getByTestId('task-assignee').textContent()).toBe('Was assigned to you');
      // What was answered, in the request's details.
      expect(await panel.textContent()).toContain(comment);
      // Not a form to finish again.
      expect(await panel.getByTestId('task-form').count()).toBe(0);
      expect(await panel.locator('[data-testid^="outcome-button-"]').count()).toBe(0);
      expect(await panel.textContent()).not.toMatch(/Finish this step|to finish as/);
      // The request goes on: a further note can still be added.
      await panel.getByTestId('task-note').waitFor();
      expect(await panel.getByTestId('task-note').isEnabled()).toBe(true);
    } finally {
      await b.close();
    }
  });
});
