import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * The Webhooks page as a clinic manager reads it: kinds in words ("All events", "Daily digest"),
 * whose digest by the person's name (never an id), the same skipped email said once for everyone it
 * skipped, and a status badge whose word can be read on its colour.
 */

let server: TestServer;
beforeAll(async () => {
  // Its receivers listen on this machine (loopback), which webhooks reach only when allowed.
  server = await startTestServer({ PORTALFLOW_WEBHOOK_ALLOW_PRIVATE: '1' });
});
afterAll(async () => {
  await server?.stop();
});

describe('the Webhooks page', () => {
  it('names kinds and people in words and says a repeated skip once', async () => {
    const { store } = server.server;
    const people = (await store.listUsers()).filter((u) => !u.disabled).slice(0, 6);
    const now = new Date(testNow()).toISOString();
    const later = '2999-01-01T00:00:00.000Z';
    await store.addOutbox(
      [
        ...people.map((u) => ({
          id: `digest.2026-12-06.${u.id}`,
          channel: 'email' as const,
          kind: 'digest',
          target: u.id,
          payload: { date: '2026-12-06' },
          createdAt: now,
        })),
        {
          id: 'e2e-delivered.1',
          channel: 'webhook' as const,
          kind: 'instance.cancelled',
          target: 'nowhere',
          payload: { type: 'instance.cancelled' },
          createdAt: now,
        },
      ],
      later,
    );
    for (const item of await store.claimOutbox({ now: later, owner: 'e2e', leaseMs: 60_000 }))
      await store.settleOutbox(
        item.id,
        'e2e',
        item.kind === 'digest'
          ? { status: 'skipped', error: 'no email address' }
          : { status: 'delivered', at: now },
        item.kind !== 'digest',
      );

    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.goto(`${server.url}/webhooks`);
      await page.getByTestId('webhooks-page').waitFor();
      await page.getByTestId('webhook-url').fill('http://127.0.0.1:9/all');
      await page.getByTestId('webhook-create').click();
      const sub = page.getByTestId('webhook-row').filter({ hasText: 'http://127.0.0.1:9/all' });
      await sub.waitFor();
      expect(await sub.textContent()).toContain('All events');
      expect(await sub.textContent()).not.toContain('*');

      const table = page.getByTestId('deliveries-table');
      await table.waitFor();
      const text = (await table.textContent()) ?? '';
      expect(text).not.toContain('digest.2026');
      expect(text).toContain('Daily digest');
      expect(text).toContain('Request cancelled');
      // Six skipped digests, one row that names each person.
      const skipped = page.getByTestId('delivery-row').filter({ hasText: 'Daily digest' });
      expect(await skipped.count()).toBe(1);
      const names = (await skipped.textContent()) ?? '';
      expect(names).toContain('6');
      for (const person of people) expect(names).toContain(person.displayName);
      expect(names).toContain('no email address');

      const badge = page
        .getByTestId('delivery-row')
        .filter({ hasText: 'Request cancelled' })
        .getByTestId('delivery-status-badge');
      const look = await badge.evaluate((el) => {
        const label = el.querySelector('.mantine-Badge-label') ?? el;
        return { text: getComputedStyle(label).color, back: getComputedStyle(el).backgroundColor };
      });
      expect(look.text).not.toBe(look.back);
      expect(await badge.textContent()).toBe('Delivered');
      await screenshot(page, 'webhooks-deliveries');
    } finally {
      await b.close();
    }
  });
});
