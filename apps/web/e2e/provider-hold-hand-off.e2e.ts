import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A provider's afternoon. A result they held until they have talked with the patient can be released
 * as soon as they have called, not days later: the request says it waits, until when at the latest,
 * and offers to end the wait now with a reason. And a task they hold goes to a named colleague who
 * covers for them, with a note for that colleague, without asking a lead.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENT = 'DEMO-4411';
const REQUEST = `${PATIENT} · Result: Biopsy`;
const COVER_PASSWORD = 'ray covers the afternoon clinic';
type Active = { step: string; taskId: string; kind: string; title: string };
type Body = { instance: { active: Active[] } };

/** A normal biopsy result the provider held until they have talked with the patient (by the API). */
async function heldResult(patient: string) {
  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const started = await ma<Body>('POST', '/requests', {
    definitionId: 'lab-result-release',
    data: { patient, test: 'Biopsy' },
  });
  expect(started.status).toBe(201);
  const instanceId = (started.body as unknown as { instance: { id: string } }).instance.id;
  const verify = started.body.instance.active.find((a) => a.step === 'verify-result')!.taskId;
  expect((await ma('POST', `/tasks/${encodeURIComponent(verify)}/claim`)).status).toBe(200);
  const verified = await ma<Body>('POST', `/tasks/${encodeURIComponent(verify)}/complete`, {
    outcome: 'verified',
    data: { resultKind: 'pathology', flag: 'normal', holdRequested: true },
  });
  expect(verified.status).toBe(200);
  const provider = await apiSession(server.url, 'provider', PASSWORD);
  const harm = verified.body.instance.active.find((a) => a.step === 'harm-review')!.taskId;
  expect((await provider('POST', `/tasks/${encodeURIComponent(harm)}/claim`)).status).toBe(200);
  const held = await provider<Body>('POST', `/tasks/${encodeURIComponent(harm)}/complete`, {
    outcome: 'hold-until-discussed',
    data: { harmReason: 'New cancer diagnosis: to be told in person.' },
  });
  expect(held.status).toBe(200);
  return { instanceId, provider, held };
}

describe('a provider ends a hold early and hands a task to a covering colleague', () => {
  it('ends the hold with a reason from the request’s other task, then hands that task to Dr Ray Cole', async () => {
    const admin = await apiSession(server.url, 'admin', PASSWORD);
    const made = await admin('POST', '/users', {
      username: 'ray-cole',
      displayName: 'Dr. Ray Cole',
      roles: ['provider'],
      password: COVER_PASSWORD,
    });
    expect(made.status).toBe(201);

    const { instanceId, provider } = await heldResult(PATIENT);

    const b = await openBrowser({ width: 1280, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      await page.getByTestId('work-folder-pool-provider').click();
      await page.getByTestId('task-list').getByText(REQUEST).first().click();
      await page.getByTestId('claim-button').click();
      await page.getByTestId('task-form').waitFor();

      // The hold is said on the request, with when it ends by itself, and who may end it now.
      const offer = page.getByTestId('end-wait-offer');
      await offer.waitFor();
      expect(await offer.textContent()).toContain('Waiting: Held until the provider talks with the patient');
      expect(await offer.textContent()).toMatch(/goes on by itself by .+ at the latest/);
      await offer.getByTestId('end-wait-start').click();
      await offer
        .getByTestId('end-wait-reason')
        .fill('Called the patient at 10:40 and went over the result.');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'end-wait-early');
      await offer.getByTestId('end-wait-confirm').click();
      await page.getByText('Ended now').first().waitFor();
      await offer.waitFor({ state: 'detached' });
      const now = await provider<Body>('GET', `/instances/${instanceId}`);
      expect(now.body.instance.active.map((a) => a.step)).toContain('release-to-portal');
      expect(now.body.instance.active.map((a) => a.kind)).not.toContain('wait');

      // Hand the comment task to the covering colleague, with a note for him.
      await page.getByTestId('hand-off-button').click();
      const dialog = page.getByTestId('hand-off-dialog');
      await dialog.getByTestId('hand-off-colleague').click();
      await page.getByRole('option', { name: 'Dr. Ray Cole' }).click();
      await dialog
        .getByTestId('hand-off-note')
        .fill('Result is normal; the patient knows it is coming. Please write the comment today.');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'hand-off-dialog');
      await dialog.getByTestId('hand-off-confirm').click();
      await page.getByText('Handed to Dr. Ray Cole').first().waitFor();

      // Dr Cole finds it in his own list with the note for him.
      const cover = await openBrowser({ width: 1280, height: 900 });
      try {
        await signIn(cover.page, server.url, 'ray-cole', COVER_PASSWORD);
        await cover.page.getByTestId('task-list').getByText(REQUEST).first().click();
        await cover.page.getByText('Please write the comment today.').first().waitFor();
        expect(await cover.page.getByTestId('notes-for-next-role').textContent()).toContain(
          'A note for you from whoever had this task before you',
        );
        expect(await cover.page.getByTestId('task-assignee').textContent()).toBe('Assigned to you');
        await screenshot(cover.page, 'handed-task-for-you');
      } finally {
        await cover.close();
      }
    } finally {
      await b.close();
    }
  });
  it('ends a hold from Request status when no task of the request is open: the hold may be all that is left', async () => {
    const patient = 'DEMO-4412';
    const { instanceId, provider, held } = await heldResult(patient);
    // The provider writes the normal result's comment first: then nothing of this request is on
    // anyone's list, only the hold.
    const comment = held.body.instance.active.find((a) => a.step === 'normal-comment')!.taskId;
    expect((await provider('POST', `/tasks/${encodeURIComponent(comment)}/claim`)).status).toBe(200);
    const commented = await provider<Body>('POST', `/tasks/${encodeURIComponent(comment)}/complete`, {
      outcome: 'commented',
      data: { patientComment: 'Your biopsy shows no sign of disease.' },
    });
    expect(commented.status).toBe(200);
    expect(commented.body.instance.active.map((a) => a.kind)).toEqual(['wait']);

    const b = await openBrowser({ width: 1280, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      await page.getByTestId('request-status').click();
      await page.getByTestId('request-status-patient').fill(patient);
      await page.keyboard.press('Enter');
      const row = page.getByTestId('request-status-row');
      await expect.poll(() => row.count()).toBe(1);
      const offer = row.getByTestId('end-wait-offer');
      await offer.waitFor();
      expect(await offer.textContent()).toContain('Waiting: Held until the provider talks with the patient');
      await offer.getByTestId('end-wait-start').click();
      await offer
        .getByTestId('end-wait-reason')
        .fill('Saw the patient in clinic this morning and went over it.');
      expect(await seriousViolations(page)).toEqual([]);
      await offer.getByTestId('end-wait-confirm').click();
      await page.getByText('Ended now').first().waitFor();
      await offer.waitFor({ state: 'detached' });
      const now = await provider<Body>('GET', `/instances/${instanceId}`);
      expect(now.body.instance.active.map((a) => a.kind)).not.toContain('wait');
    } finally {
      await b.close();
    }
  });
});
