// Webhooks to this server or a private network (loopback, the cloud metadata address, 10.x, ::1, or a
// name that resolves to one) would let whoever sets up a subscription make the server reach inside the
// clinic's network. They are refused when the subscription is made and again at each delivery, after
// the name is resolved, unless the operator allows them (PORTALFLOW_WEBHOOK_ALLOW_PRIVATE=1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxConfig } from '../src/config.ts';
import { isPrivateAddress } from '../src/outbox/receiver-address.ts';
import { type OutboxWorker, startOutboxWorker } from '../src/outbox/worker.ts';
import { type Harness, harness, PATIENT, refill } from './outbox/setup.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

describe('which addresses are private', () => {
  it('knows loopback, link-local, private ranges and their IPv6 forms; public ones are not', () => {
    const private_ = [
      '127.0.0.1',
      '127.8.9.10',
      '0.0.0.0',
      '10.0.0.5',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.20',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::7',
      '224.0.0.1',
    ];
    const public_ = [
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '192.169.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
    ];
    expect(private_.filter((a) => !isPrivateAddress(a))).toEqual([]);
    expect(public_.filter((a) => isPrivateAddress(a))).toEqual([]);
  });

  it('is allowed only when PORTALFLOW_WEBHOOK_ALLOW_PRIVATE is 1', () => {
    expect(outboxConfig({}).allowPrivateWebhooks).toBe(false);
    expect(outboxConfig({ PORTALFLOW_WEBHOOK_ALLOW_PRIVATE: '1' }).allowPrivateWebhooks).toBe(true);
  });
});

describe('a webhook subscription to a private address', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  let worker: OutboxWorker;

  beforeAll(async () => {
    h = await harness({ maxAttempts: 5, webhookTimeoutMs: 5000 });
    receiver = await startWebhookReceiver('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    worker = startOutboxWorker(h.deps, { autostart: false, random: () => 0 });
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
    await h?.close();
  });

  it('is refused when made, naming the address and the setting that allows it', async () => {
    const port = new URL(receiver.url).port;
    for (const url of [
      receiver.url,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.20.30.40/hooks',
      'http://[::1]:8080/hooks',
      'http://[::ffff:7f00:1]/hooks',
      `http://localhost:${port}/hooks`,
      'https://192.168.0.9/hooks',
    ]) {
      const made = await h.call('POST', '/api/webhooks', h.people.boss!, { url, events: ['*'] });
      expect([url, made.status, made.body.error?.code]).toEqual([url, 400, 'WEBHOOK_ADDRESS_PRIVATE']);
      expect(made.body.error.message).toContain('PORTALFLOW_WEBHOOK_ALLOW_PRIVATE=1');
    }
    expect(await h.store.listWebhookSubscriptions()).toEqual([]);
    // A public name that does not resolve (yet) is taken: delivery says if it still does not.
    const later = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: 'https://ehr.example/hooks',
      events: ['*'],
    });
    expect(later.status).toBe(201);
    await h.call('DELETE', `/api/webhooks/${later.body.subscription.id}`, h.people.boss!);
  });

  it('is not sent to at delivery when the name resolves to a private address, and says why', async () => {
    // Made before the rule (or a name that pointed elsewhere then): written straight to the store.
    const port = new URL(receiver.url).port;
    for (const url of [`http://localhost:${port}/hooks`, receiver.url]) {
      await h.store.createWebhookSubscription({
        url,
        events: ['*'],
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        createdBy: null,
        createdAt: new Date(h.clock.now).toISOString(),
      });
    }
    const started = await h.call('POST', '/api/instances', h.people.boss!, {
      definitionId: refill.id,
      data: PATIENT,
    });
    expect(started.status).toBe(201);
    await worker.tick();
    expect(receiver.received).toEqual([]);
    const rows = await h.store.listOutbox({ channel: 'webhook', limit: 500 });
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.status).toBe('pending');
      expect(row.lastError).toMatch(/^WEBHOOK_ADDRESS_PRIVATE: The receiver’s address (127\.0\.0\.1|::1) /);
      expect(row.lastError).toContain('PORTALFLOW_WEBHOOK_ALLOW_PRIVATE=1');
    }
  });

  it('is delivered when the operator allows private addresses', async () => {
    const allowed = await harness({ allowPrivateWebhooks: true, webhookTimeoutMs: 5000 });
    const allowedWorker = startOutboxWorker(allowed.deps, { autostart: false, random: () => 0 });
    try {
      const made = await allowed.call('POST', '/api/webhooks', allowed.people.boss!, {
        url: receiver.url,
        events: ['instance.started'],
      });
      expect(made.status).toBe(201);
      await allowed.store.rotateWebhookSecret(
        made.body.subscription.id,
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      );
      await allowed.store.finishWebhookRotation(made.body.subscription.id);
      await allowed.call('POST', '/api/instances', allowed.people.boss!, {
        definitionId: refill.id,
        data: PATIENT,
      });
      await allowedWorker.tick();
      expect(receiver.rejected).toEqual([]);
      expect(receiver.received.map((r) => r.payload.type)).toEqual(['instance.started']);
    } finally {
      await allowedWorker.stop();
      await allowed.close();
    }
  }, 30_000);
});
