// Rotating a subscription's signing secret without a gap: while a rotation is under way every delivery
// carries a signature under the new secret and one under the old (Standard Webhooks allows several,
// space-separated), so the receiver can switch whenever it is ready; finishing drops the old one.
// A real receiver verifies with the `standardwebhooks` reference library.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxWorker } from '../src/outbox/worker.ts';
import { type Harness, PATIENT, refill } from './outbox/setup.ts';
import { type WebhookWorld, webhookWorld } from './outbox/webhook-world.ts';
import type { WebhookReceiver } from './support/webhook-receiver.ts';

describe('rotating a webhook signing secret', () => {
  let world: WebhookWorld;
  let h: Harness;
  let worker: OutboxWorker;
  let receiver: WebhookReceiver;
  // The secret the receiver checks with; the test switches it as a receiver's admin would.
  let receiverSecret = '';

  beforeAll(async () => {
    world = await webhookWorld(3, () => receiverSecret);
    ({ h, worker, receiver } = world);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  /** Starts a request and delivers its `instance.started`; the receiver's verdict on it. */
  async function deliverOne(): Promise<'verified' | 'rejected'> {
    const before = { ok: receiver.received.length, bad: receiver.rejected.length };
    const started = await h.call('POST', '/api/instances', h.people.boss!, {
      definitionId: refill.id,
      data: PATIENT,
    });
    expect(started.status).toBe(201);
    await worker.tick();
    if (receiver.received.length > before.ok) return 'verified';
    expect(receiver.rejected.length).toBeGreaterThan(before.bad);
    return 'rejected';
  }

  it('signs with old and new while rotating, with the same subscription and ids, then with the new only', async () => {
    const created = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: receiver.url,
      events: ['instance.started'],
    });
    expect(created.status).toBe(201);
    const id = created.body.subscription.id as string;
    const oldSecret = created.body.secret as string;
    expect(created.body.subscription.rotating).toBe(false);
    receiverSecret = oldSecret;
    expect(await deliverOne()).toBe('verified');

    // Only admins rotate.
    expect((await h.call('POST', `/api/webhooks/${id}/rotate`, h.people.nina!)).status).toBe(403);
    const rotated = await h.call('POST', `/api/webhooks/${id}/rotate`, h.people.boss!);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.body.subscription).toMatchObject({ id, rotating: true });
    const listed = await h.call('GET', '/api/webhooks', h.people.boss!);
    expect(JSON.stringify(listed.body)).not.toContain(newSecret);
    expect(JSON.stringify(listed.body)).not.toContain(oldSecret);

    // The receiver still on the old secret keeps verifying; switched to the new one, it verifies too.
    expect(await deliverOne()).toBe('verified');
    receiverSecret = newSecret;
    expect(await deliverOne()).toBe('verified');
    const last = receiver.received.at(-1)!;
    expect(String(last.headers['webhook-signature']).split(' ')).toHaveLength(2);

    const finished = await h.call('POST', `/api/webhooks/${id}/rotation/finish`, h.people.boss!);
    expect(finished.status).toBe(200);
    expect(finished.body.subscription).toMatchObject({ id, rotating: false });
    expect(await deliverOne()).toBe('verified');
    expect(String(receiver.received.at(-1)!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    // The old secret signs nothing any more.
    receiverSecret = oldSecret;
    expect(await deliverOne()).toBe('rejected');
    receiverSecret = newSecret;

    // Each rotation and its end is in the access log, by whom.
    const log = await h.store.listAccess({ category: 'account', limit: 100 });
    const details = log.items.map((e) => e.detail);
    expect(details).toContain(`rotated the signing secret of webhook subscription ${id}`);
    expect(details).toContain(`finished rotating the signing secret of webhook subscription ${id}`);
  });

  it('refuses to rotate a removed subscription', async () => {
    const created = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: receiver.url,
      events: ['*'],
    });
    const id = created.body.subscription.id as string;
    await h.call('DELETE', `/api/webhooks/${id}`, h.people.boss!);
    const rotated = await h.call('POST', `/api/webhooks/${id}/rotate`, h.people.boss!);
    expect(rotated.status).toBe(409);
    expect(rotated.body.error.code).toBe('SUBSCRIPTION_REMOVED');
    expect((await h.call('POST', '/api/webhooks/no-such-id/rotate', h.people.boss!)).status).toBe(404);
  });
});
