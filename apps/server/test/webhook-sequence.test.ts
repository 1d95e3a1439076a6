// Webhook sequence numbers: each subscription numbers its deliveries 1, 2, 3… in the order their events
// were committed, in the `webhook-sequence` header and the body's `sequence`, the same on every retry,
// so a receiver can put deliveries that arrive out of order (after retries) back in order. Many changes
// committed at once still get distinct numbers without gaps.
import { WEBHOOK_SEQUENCE_HEADER } from '@portalflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboxWorker, startOutboxWorker } from '../src/outbox/worker.ts';
import { type Harness, harness, PATIENT, refill } from './outbox/setup.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

describe('webhook sequence numbers', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  let worker: OutboxWorker;
  let secret = '';
  let all = '';
  let opened = '';

  beforeAll(async () => {
    h = await harness({
      allowPrivateWebhooks: true,
      maxAttempts: 5,
      backoffBaseMs: 1000,
      webhookTimeoutMs: 5000,
    });
    receiver = await startWebhookReceiver(() => secret);
    worker = startOutboxWorker(h.deps, { autostart: false, random: () => 0 });
    const first = await h.call('POST', '/api/webhooks', h.people.boss!, { url: receiver.url, events: ['*'] });
    secret = first.body.secret;
    all = first.body.subscription.id;
    const second = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: `${receiver.url}?only=opened`,
      events: ['task.opened'],
    });
    opened = second.body.subscription.id;
    // The receiver verifies with one secret: the second subscription is given the first's.
    await h.store.rotateWebhookSecret(opened, secret);
    await h.store.finishWebhookRotation(opened);
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
    await h?.close();
  });

  const start = () =>
    h.call('POST', '/api/instances', h.people.boss!, { definitionId: refill.id, data: PATIENT });

  async function deliverAll(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      await worker.tick();
      const waiting = await h.store.listOutbox({ channel: 'webhook', status: 'pending', limit: 1 });
      if (waiting.length === 0) return;
      h.clock.advance(60_000);
    }
    throw new Error('deliveries still waiting');
  }

  it('numbers many events committed at once 1…N per subscription: distinct, no gaps, in commit order', async () => {
    const started = await Promise.all(Array.from({ length: 25 }, start));
    expect(started.map((s) => s.status)).toEqual(started.map(() => 201));
    await deliverAll();
    expect(receiver.rejected).toEqual([]);

    const rows = await h.store.listOutbox({ channel: 'webhook', limit: 500 });
    for (const [sub, count] of [
      [all, 50],
      [opened, 25],
    ] as const) {
      const mine = rows.filter((r) => r.target === sub);
      expect(mine).toHaveLength(count);
      const numbers = mine.map((r) => r.sequence!).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    }
    // Within one request, the order it happened in: started before its task opened.
    for (const s of started) {
      const id = s.body.instance.id as string;
      const mine = rows.filter((r) => r.target === all && r.instanceId === id);
      const at = (kind: string) => mine.find((r) => r.kind === kind)!.sequence!;
      expect(at('instance.started')).toBeLessThan(at('task.opened'));
    }
    // What the receiver read: the header and the body agree with the row.
    for (const got of receiver.received) {
      const row = rows.find((r) => r.id === got.id)!;
      expect(got.headers[WEBHOOK_SEQUENCE_HEADER]).toBe(String(row.sequence));
      expect((got.payload as unknown as { sequence: number }).sequence).toBe(row.sequence);
    }
  }, 60_000);

  it('keeps an event’s number on every retry, and the next event takes the next number', async () => {
    receiver.options.failures = 2;
    const before = receiver.received.length;
    const started = await start();
    await deliverAll();
    receiver.options.failures = 0;
    const id = started.body.instance.id as string;
    const tries = receiver.received.slice(before).filter((g) => g.payload.data.instanceId === id);
    // Two events to `all`, one to `opened`, each tried three times.
    expect(tries).toHaveLength(9);
    const byId = new Map<string, Set<string>>();
    for (const t of tries) {
      const seen = byId.get(t.id) ?? new Set();
      seen.add(String(t.headers[WEBHOOK_SEQUENCE_HEADER]));
      byId.set(t.id, seen);
    }
    expect([...byId.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    const numbers = (await h.store.listOutbox({ channel: 'webhook', limit: 500 }))
      .filter((r) => r.instanceId === id)
      .map((r) => `${r.target === all ? 'all' : 'opened'} ${r.sequence}`)
      .sort();
    expect(numbers).toEqual(['all 51', 'all 52', 'opened 26']);
  }, 60_000);

  it('numbers a test event in the same order, and the list of deliveries shows each number', async () => {
    const sent = await h.call('POST', `/api/webhooks/${opened}/test`, h.people.boss!);
    expect(sent.body.delivery.sequence).toBe(27);
    const listed = await h.call('GET', '/api/outbox?channel=webhook&limit=500', h.people.boss!);
    const deliveries = listed.body.deliveries as Array<{ target: string; sequence: number }>;
    const numbers = deliveries.filter((d) => d.target === opened).map((d) => d.sequence);
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
  });
});
