// The admin sees each receiver's state on the subscriptions list: when it last took a delivery, how
// many wait, how many are being retried and why, how many failed for good — without reading every row.
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxWorker } from '../src/outbox/worker.ts';
import { type Harness, PATIENT, refill } from './outbox/setup.ts';
import { type WebhookWorld, webhookWorld } from './outbox/webhook-world.ts';
import type { WebhookReceiver } from './support/webhook-receiver.ts';

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('each webhook receiver’s state', () => {
  let world: WebhookWorld;
  let h: Harness;
  let worker: OutboxWorker;
  let receiver: WebhookReceiver;
  let secret = '';

  beforeAll(async () => {
    world = await webhookWorld(5, () => secret);
    ({ h, worker, receiver } = world);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('says which receiver is failing, since when and why, and when the other last took a delivery', async () => {
    const up = await h.call('POST', '/api/webhooks', h.people.boss!, { url: receiver.url, events: ['*'] });
    secret = up.body.secret;
    const down = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: `http://127.0.0.1:${await closedPort()}/hooks`,
      events: ['*'],
    });
    const before = await h.call('GET', '/api/webhooks', h.people.boss!);
    expect(before.body.health).toEqual(
      expect.arrayContaining([
        {
          subscriptionId: up.body.subscription.id,
          waiting: 0,
          retrying: 0,
          dead: 0,
          lastDeliveredAt: null,
          failingSince: null,
          lastError: null,
          lastTest: null,
        },
      ]),
    );

    const started = await h.call('POST', '/api/instances', h.people.boss!, {
      definitionId: refill.id,
      data: PATIENT,
    });
    expect(started.status).toBe(201);
    await worker.tick();

    const after = await h.call('GET', '/api/webhooks', h.people.boss!);
    expect(after.status).toBe(200);
    const of = (id: string) =>
      after.body.health.find((x: { subscriptionId: string }) => x.subscriptionId === id);
    const ok = of(up.body.subscription.id);
    expect(ok).toMatchObject({ waiting: 0, retrying: 0, dead: 0, failingSince: null, lastError: null });
    expect(ok.lastDeliveredAt).toEqual(new Date(h.clock.now).toISOString());
    const failing = of(down.body.subscription.id);
    expect(failing).toMatchObject({ waiting: 2, retrying: 2, dead: 0, lastDeliveredAt: null });
    expect(failing.failingSince).toEqual(started.body.instance.startedAt);
    expect(failing.lastError).toMatch(/^RECEIVER_UNREACHABLE: /);
  });

  it('keeps the newest test event: when it was sent and, failed, what the receiver answered', async () => {
    const down = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: `http://127.0.0.1:${await closedPort()}/hooks`,
      events: ['task.closed'],
    });
    const tested = await h.call('POST', `/api/webhooks/${down.body.subscription.id}/test`, h.people.boss!);
    expect(tested.status).toBe(200);
    expect(tested.body.delivered).toBe(false);
    const listed = await h.call('GET', '/api/webhooks', h.people.boss!);
    const health = listed.body.health.find(
      (x: { subscriptionId: string }) => x.subscriptionId === down.body.subscription.id,
    );
    expect(health.dead).toBe(1);
    expect(health.lastTest).toEqual({
      at: tested.body.delivery.createdAt,
      status: 'dead',
      error: expect.stringMatching(/^RECEIVER_UNREACHABLE: Nothing answered/),
    });
  });
});
