import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The provider writes the comment the patient sees next to an abnormal result, and what the nurse
 * should arrange, on the step that asks for them; the nurse who calls the patient reads both on theirs.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENT = 'DEMO-4107';
const TEST = 'Hemoglobin A1c';
const SUBJECT = `${PATIENT} · Result: ${TEST}`;
const COMMENT =
  'Your A1c is 8.1%, higher than your goal of 7%. Our nurse will call you to book a visit to adjust your diabetes medicine.';
const PLAN = 'Visit within 2 weeks to adjust metformin; repeat A1c in 3 months.';

type InstanceBody = { instance: { id: string; active: Array<{ step: string; taskId: string }> } };

describe('the comment the patient sees next to a result', () => {
  it('the provider writes it with the plan, and the nurse who calls the patient reads both', async () => {
    // The medical assistant matches the result to its order and flags it abnormal, through the API.
    const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await ma<InstanceBody>('POST', '/requests', {
      definitionId: 'lab-result-release',
      data: { patient: PATIENT, test: TEST },
    });
    expect(started.status).toBe(201);
    const verify = started.body.instance.active.find((a) => a.step === 'verify-result')!.taskId;
    expect((await ma('POST', `/tasks/${encodeURIComponent(verify)}/claim`)).status).toBe(200);
    const verified = await ma('POST', `/tasks/${encodeURIComponent(verify)}/complete`, {
      outcome: 'verified',
      data: { resultKind: 'lab', flag: 'abnormal', holdRequested: false },
    });
    expect(verified.status).toBe(200);

    const provider = await openBrowser({ width: 1360, height: 900 });
    const nurse = await openBrowser({ width: 1360, height: 900 });
    try {
      await signIn(provider.page, server.url, 'provider', PASSWORD);
      await provider.page.getByTestId('work-folder-pool-provider').click();
      await provider.page.getByTestId('task-list').getByText(SUBJECT).click();
      await provider.page.getByTestId('claim-button').click();
      const form = provider.page.getByTestId('task-form');
      await form.waitFor();
      expect(await form.textContent()).not.toContain('This step has no form');

      // Neither outcome goes without the comment; the nurse's call also needs what to arrange.
      await provider.page.getByTestId('outcome-button-nurse-to-call').click();
      await form.getByText('Comment for the patient, shown next to the result is required').waitFor();
      await form
        .getByText('What the nurse should arrange is required to finish as “Nurse to call”')
        .waitFor();
      expect(await seriousViolations(provider.page)).toEqual([]);

      await form.locator('[data-testid="form-field-patientComment"]').fill(COMMENT);
      await form.locator('[data-testid="form-field-planForNurse"]').fill(PLAN);
      await look(provider.page, 'result-comment-provider');
      await provider.page.getByTestId('outcome-button-nurse-to-call').click();
      await provider.page
        .getByText(/Completed/)
        .first()
        .waitFor();

      await signIn(nurse.page, server.url, 'triage-nurse', PASSWORD);
      await nurse.page.getByTestId('work-folder-pool-triage-nurse').click();
      await nurse.page.getByTestId('task-list').getByText(SUBJECT).click();
      const details = nurse.page.getByTestId('instance-data');
      await details.getByText(COMMENT).waitFor();
      const text = (await details.textContent()) ?? '';
      expect(text).toContain('Comment for the patient, shown next to the result');
      expect(text).toContain('What the nurse should arrange');
      expect(text).toContain(PLAN);
      expect(await seriousViolations(nurse.page)).toEqual([]);
      await look(nurse.page, 'result-comment-nurse');
    } finally {
      await provider.close();
      await nurse.close();
    }
  });
});
