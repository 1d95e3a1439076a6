import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A receiver that is down shows on the subscriptions list itself: Failing, since when, and why in
 * words with a code; a receiver that works says when it last took a delivery.
 */

let server: TestServer;
beforeAll(async () => {
  // Its receivers listen on this machine (loopback), which webhooks reach only when allowed.
  server = await startTestServer({ PORTALFLOW_WEBHOOK_ALLOW_PRIVATE: '1' });
});
afterAll(async () => {
  await server?.stop();
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('each receiver’s state on the Webhooks page', () => {
  it('marks a receiver nobody answers at as failing, with the reason in words', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.goto(`${server.url}/webhooks`);
      await page.getByTestId('webhooks-page').waitFor();
      const url = `http://127.0.0.1:${await closedPort()}/hooks`;
      await page.getByTestId('webhook-url').fill(url);
      await page.getByTestId('webhook-create').click();
      const row = page.getByTestId('webhook-row').filter({ hasText: url });
      await expect(row.getByTestId('webhook-health').textContent()).resolves.toContain(
        'Nothing delivered yet',
      );

      // Work happens: the front desk starts a refill, so events go out.
      const desk = await apiSession(server.url, 'front-desk', PASSWORD);
      const started = await desk('POST', '/requests', {
        definitionId: 'prescription-refill',
        data: { patient: 'DEMO-5901', medication: 'Atorvastatin 20 mg' },
      });
      expect(started.status).toBe(201);

      const failing = row.locator('[data-testid="webhook-health"][data-failing="true"]');
      await failing.waitFor({ timeout: 20_000 });
      const said = (await failing.textContent()) ?? '';
      expect(said).toContain('Failing');
      expect(said).toMatch(/being retried since/);
      expect(said).toContain('RECEIVER_UNREACHABLE');
      expect(said).toContain('Nothing answered at the receiver’s address');

      // The delivery row reads as sentences: the reason, then when it is tried next. The list refreshes on
      // its own timer, apart from the subscriptions', so it may show the newest delivery a moment later.
      const delivery = page.getByTestId('delivery-row').filter({ hasText: url }).first();
      await expect
        .poll(async () => (await delivery.textContent()) ?? '', { timeout: 15_000 })
        .toMatch(/from this server\? Next try /);
      const status = (await delivery.textContent()) ?? '';
      expect(status).not.toContain('?;');
    } finally {
      await b.close();
    }
  });
});
