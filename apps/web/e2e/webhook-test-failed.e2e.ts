import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A test event the receiver does not take: after a reload (the immediate answer gone) the
 * subscription's own row still says that the test failed, when, and what the receiver answered; the
 * Deliveries list shows each webhook's number in its subscription's order, as the receiver logs it.
 */

let server: TestServer;
let status = 500;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(status).end());
});
let receiverUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  server = await startTestServer({ PORTALFLOW_WEBHOOK_ALLOW_PRIVATE: '1' });
});
afterAll(async () => {
  await server?.stop();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('a failed test event on the Webhooks page', () => {
  it('the row says the test failed, when, and the receiver’s answer; Deliveries shows each number', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.goto(`${server.url}/webhooks`);
      await page.getByTestId('webhooks-page').waitFor();
      // Nothing subscribed yet: the empty table says so, and what to do.
      expect(await page.getByTestId('webhooks-empty').textContent()).toContain('No receivers subscribed yet');
      await page.getByTestId('webhook-url').fill(receiverUrl);
      await page.getByTestId('webhook-create').click();
      const row = page.getByTestId('webhook-row').filter({ hasText: receiverUrl });

      // The receiver fails: HTTP 500.
      await row.getByTestId('webhook-test').click();
      await row
        .getByTestId('webhook-test-result')
        .getByText(/HTTP 500/)
        .waitFor();
      // Then it takes the next one.
      status = 204;
      await row.getByTestId('webhook-test').click();
      await row
        .getByTestId('webhook-test-result')
        .getByText(/delivered/)
        .waitFor();
      status = 502;
      await row.getByTestId('webhook-test').click();
      await row
        .getByTestId('webhook-test-result')
        .getByText(/HTTP 502/)
        .waitFor();

      await page.reload();
      await page.getByTestId('webhooks-page').waitFor();
      const health = page
        .getByTestId('webhook-row')
        .filter({ hasText: receiverUrl })
        .getByTestId('webhook-health');
      const said = (await health.textContent()) ?? '';
      // The newest test, the one that failed with 502: what happened, when, and the answer in words.
      expect(said).toMatch(/Test event failed Today \d{1,2}:\d{2}/);
      expect(said).toContain('HTTP 502');
      expect(said).toContain('the problem is on its side');
      expect(said).toContain('RECEIVER_ERROR');

      const table = page.getByTestId('deliveries-table');
      await table.waitFor();
      expect(await table.getByRole('columnheader', { name: 'Number' }).count()).toBe(1);
      const numbers = await table.getByTestId('delivery-sequence').allTextContents();
      // Newest first: the three test events, numbered 3, 2, 1.
      expect(numbers).toEqual(['3', '2', '1']);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
