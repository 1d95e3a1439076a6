import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A provider claims a result and at once types the patient's comment and finishes. What is typed in
 * the first moment after a claim, while the task's draft is still being read, is neither thrown away
 * when the draft arrives nor sent without it: the comment goes with the outcome and the task is done.
 * A busy computer (the browser's CPU slowed down) widens that moment.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

type Body = { instance: { id: string; active: Array<{ step: string; taskId: string }> } };
type Read = { instance: { status: string; data: Record<string, unknown> } };

/** A result verified by the medical assistant: the provider's comment is the pool's next task. */
async function resultForProvider(patient: string): Promise<string> {
  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const started = await ma<Body>('POST', '/requests', {
    definitionId: 'lab-result-release',
    data: { patient, test: 'Potassium' },
  });
  const verify = started.body.instance.active.find((a) => a.step === 'verify-result')!.taskId;
  await ma('POST', `/tasks/${encodeURIComponent(verify)}/claim`);
  await ma('POST', `/tasks/${encodeURIComponent(verify)}/complete`, {
    outcome: 'verified',
    data: { resultKind: 'lab', flag: 'normal', holdRequested: false },
  });
  return started.body.instance.id;
}

describe('typing at once after a claim', () => {
  it('keeps what was typed before the draft was read, and finishes with it', async () => {
    const provider = await apiSession(server.url, 'provider', PASSWORD);
    const b = await openBrowser({ width: 1024, height: 768, touch: true });
    let cdp: CDPSession | undefined;
    try {
      const { page } = b;
      await signIn(page, server.url, 'provider', PASSWORD);
      cdp = await b.context.newCDPSession(page);
      // Claimed once; then claimed, put back and claimed again (its draft read a second time).
      for (const [i, patient] of ['DEMO-4411', 'DEMO-4412'].entries()) {
        const instanceId = await resultForProvider(patient);
        await page.getByTestId('work-folder-pool-provider').tap();
        await page.getByTestId('task-list').getByText(`${patient} · Result: Potassium`).first().tap();
        if (i === 1) {
          await page.getByTestId('claim-button').tap();
          await page.getByTestId('release-button').tap();
        }
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
        await page.getByTestId('claim-button').tap();
        const comment = `Comment ${i}: your potassium is normal.`;
        await page.getByTestId('form-field-patientComment').fill(comment);
        await page.getByTestId('outcome-button-commented').tap();
        // Done on the server, with the comment typed.
        await expect
          .poll(
            async () => {
              const read = (await provider<Read>('GET', `/instances/${instanceId}`)).body.instance;
              return read.data.patientComment ?? null;
            },
            { timeout: 20_000 },
          )
          .toBe(comment);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      }
    } finally {
      await cdp?.detach().catch(() => {});
      await b.close();
    }
  });
});
