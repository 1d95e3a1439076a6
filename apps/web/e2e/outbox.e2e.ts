import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

let server: TestServer;
/** A receiver that accepts every webhook and remembers the ids. */
const received: string[] = [];
const receiver = createServer((req, res) => {
  received.push(String(req.headers['webhook-id']));
  req.resume();
  req.on('end', () => res.writeHead(204).end());
});
let receiverUrl = '';

beforeAll(async () => {
  // Its receivers listen on this machine (loopback), which webhooks reach only when allowed.
  server = await startTestServer({ PORTALFLOW_WEBHOOK_ALLOW_PRIVATE: '1' });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  await server?.stop();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('email notifications and webhooks in the browser', () => {
  it('a person sets their email notifications; they are kept', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      await b.page.getByRole('link', { name: 'Email', exact: true }).click();
      await b.page.getByTestId('email-preferences-page').waitFor();
      await b.page.getByTestId('email-address').fill('desk@clinic.example');
      await b.page.getByTestId('email-kind-digest').uncheck();
      await b.page.getByTestId('email-kind-cancelled').uncheck();
      await b.page.getByTestId('quiet-start').fill('22:00');
      await b.page.getByTestId('quiet-end').fill('06:30');
      await b.page.getByTestId('email-save').click();
      await b.page.getByText('Your email notifications are updated.').waitFor();
      expect(await seriousViolations(b.page)).toEqual([]);
      await b.page.reload();
      await b.page.getByTestId('email-preferences-page').waitFor();
      expect(await b.page.getByTestId('email-address').inputValue()).toBe('desk@clinic.example');
      expect(await b.page.getByTestId('email-kind-digest').isChecked()).toBe(false);
      expect(await b.page.getByTestId('email-kind-assigned').isChecked()).toBe(true);
      expect(await b.page.getByTestId('email-kind-cancelled').isChecked()).toBe(false);
      expect(await b.page.getByTestId('quiet-end').inputValue()).toBe('06:30');
      // Backup failures are an admin's email only.
      expect(await b.page.getByTestId('email-admin-always').count()).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('an admin subscribes a receiver, sees its secret once, and re-sends a dead delivery', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'admin', PASSWORD);
      await b.page.getByRole('link', { name: 'Webhooks' }).click();
      await b.page.getByTestId('webhooks-page').waitFor();
      await b.page.getByTestId('webhook-url').fill(receiverUrl);
      await b.page.getByTestId('webhook-create').click();
      const secret = (await b.page.getByTestId('webhook-secret').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);
      await b.page.getByTestId('webhook-row').filter({ hasText: receiverUrl }).waitFor();
      expect(await seriousViolations(b.page)).toEqual([]);

      // A delivery that failed for good, made in the store: the screen lists it and re-sends it.
      const { store } = server.server;
      const [sub] = (await store.listWebhookSubscriptions()).filter((s) => s.url === receiverUrl);
      const id = `e2e.${sub!.id}`;
      const now = new Date(testNow()).toISOString();
      await store.addOutbox(
        [
          {
            id,
            channel: 'webhook',
            kind: 'task.opened',
            target: sub!.id,
            payload: { type: 'task.opened' },
            createdAt: now,
          },
        ],
        '2999-01-01T00:00:00.000Z',
      );
      const [leased] = (
        await store.claimOutbox({ now: '2999-01-01T00:00:00.000Z', owner: 'e2e', leaseMs: 60_000 })
      ).filter((item) => item.id === id);
      await store.settleOutbox(
        leased!.id,
        'e2e',
        { status: 'dead', error: 'HTTP 500 (after 8 attempts)' },
        true,
      );

      await b.page.reload();
      await b.page.getByTestId('delivery-status').getByText('Failed', { exact: true }).click();
      const row = b.page.getByTestId('delivery-row').filter({ hasText: id });
      await row.getByTestId('delivery-resend').click();
      await b.page.getByText('is pending again, with the same id').waitFor();
      await b.page.getByTestId('delivery-status').getByText('Delivered', { exact: true }).click();
      await b.page.getByTestId('delivery-row').filter({ hasText: id }).waitFor({ timeout: 20_000 });
      expect(received).toContain(id);
    } finally {
      await b.close();
    }
  });
});
