import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A refill request from the patient portal, signed the Standard Webhooks way with `secret`; its status. */
async function portalWebhook(secret: string): Promise<number> {
  const body = JSON.stringify({
    patient: { chartNumber: 'DEMO-5801' },
    medication: { name: 'Amlodipine 5 mg' },
  });
  const id = `msg_${crypto.randomUUID()}`;
  const timestamp = Math.floor(testNow() / 1000);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  const res = await fetch(`${server.url}/api/intake/prescription-refill`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${signature}`,
    },
    body,
  });
  return res.status;
}

describe('intake keys in the browser', () => {
  it('a lead makes a key for the refill workflow, sees its secret once, the portal uses it, and the lead revokes it', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      await b.page.getByRole('link', { name: 'Intake keys' }).click();
      await b.page.getByTestId('intake-keys-page').waitFor();
      await b.page.getByTestId('intake-workflow').click();
      await b.page
        .getByRole('option', { name: /refill/i })
        .first()
        .click();
      await b.page.getByTestId('intake-create').click();
      const secret = (await b.page.getByTestId('intake-secret').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);
      expect(await portalWebhook(secret)).toBe(201);
      expect(await seriousViolations(b.page)).toEqual([]);

      // Shown once: after a reload the secret is nowhere on the page; the key shows it was used.
      await b.page.reload();
      await b.page.getByTestId('intake-table').waitFor();
      expect(await b.page.content()).not.toContain(secret);
      const row = b.page.getByTestId('intake-row').and(b.page.locator('[data-status="active"]')).first();
      await expect(row.textContent()).resolves.not.toContain('never');

      await row.getByTestId('intake-revoke').click();
      await b.page.getByTestId('intake-revoke-confirm').click();
      await b.page.locator('[data-testid="intake-row"][data-status="revoked"]').first().waitFor();
      expect(await portalWebhook(secret)).toBe(401);
    } finally {
      await b.close();
    }
  });

  it('is not offered to staff', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      await b.page.getByRole('link', { name: 'API tokens' }).waitFor();
      expect(await b.page.getByRole('link', { name: 'Intake keys' }).count()).toBe(0);
    } finally {
      await b.close();
    }
  });
});
