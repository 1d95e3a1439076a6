// "Send a test email" and "Send test event": an admin checks the SMTP settings and a webhook receiver
// without waiting for real work. Real parts throughout: an SMTP server (smtp-server) and a webhook
// receiver verifying signatures with the reference library, both on loopback, and a port nothing
// listens on.
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { WebhookHealthView } from '@portalflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness } from './outbox/setup.ts';
import { type MailSink, startMailSink } from './support/mail-sink.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('a test email', () => {
  let sink: MailSink;
  let h: Harness;

  beforeAll(async () => {
    sink = await startMailSink();
    h = await harness({ smtpUrl: sink.url });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  });

  it('goes at once to the admin’s own address, saying so, with no patient data and no task link', async () => {
    await h.setAddress(h.people.boss!, 'boss@clinic.example');
    const sent = await h.call('POST', '/api/outbox/test-email', h.people.boss!, {});
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ to: 'boss@clinic.example', delivered: true, failure: null });
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual(['boss@clinic.example']);
    expect(mail!.parsed.subject).toBe('[Riverside Clinic] Test email');
    expect(mail!.parsed.text).toContain('mail server settings work');
    expect(mail!.parsed.text).not.toContain('/work?task=');
  });

  it('goes to an address typed instead', async () => {
    const sent = await h.call('POST', '/api/outbox/test-email', h.people.boss!, { to: 'it@clinic.example' });
    expect(sent.body).toEqual({ to: 'it@clinic.example', delivered: true, failure: null });
    const mails = await sink.waitFor(2);
    expect(mails[1]!.to).toEqual(['it@clinic.example']);
  });

  it('is refused without an address, and to anyone but an admin', async () => {
    await h.setAddress(h.people.boss!, null);
    const none = await h.call('POST', '/api/outbox/test-email', h.people.boss!, {});
    expect([none.status, none.body.error.code]).toEqual([409, 'NO_EMAIL_ADDRESS']);
    const bad = await h.call('POST', '/api/outbox/test-email', h.people.boss!, { to: 'not an address' });
    expect(bad.status).toBe(400);
    const nurse = await h.call('POST', '/api/outbox/test-email', h.people.nina!, { to: 'x@clinic.example' });
    expect(nurse.status).toBe(403);
    expect(sink.mails).toHaveLength(2);
  });

  it('says SMTP_UNREACHABLE, in words, when nothing answers at PORTALFLOW_SMTP_URL', async () => {
    const down = await harness({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}` });
    try {
      const sent = await down.call('POST', '/api/outbox/test-email', down.people.boss!, {
        to: 'it@clinic.example',
      });
      expect(sent.status).toBe(200);
      expect(sent.body.delivered).toBe(false);
      expect(sent.body.failure.code).toBe('SMTP_UNREACHABLE');
      expect(sent.body.failure.message).toMatch(
        /^The mail server at PORTALFLOW_SMTP_URL could not be reached/,
      );
    } finally {
      await down.close();
    }
  }, 30_000);

  it('says no mail server is set up when PORTALFLOW_SMTP_URL is empty', async () => {
    const none = await harness({ smtpUrl: null });
    try {
      const sent = await none.call('POST', '/api/outbox/test-email', none.people.boss!, {
        to: 'it@clinic.example',
      });
      expect([sent.status, sent.body.error.code]).toEqual([409, 'EMAIL_NOT_CONFIGURED']);
    } finally {
      await none.close();
    }
  }, 30_000);
});

describe('a test webhook event', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  let secret = '';

  beforeAll(async () => {
    h = await harness({ allowPrivateWebhooks: true, webhookTimeoutMs: 5000 });
    receiver = await startWebhookReceiver(() => secret);
  }, 60_000);
  afterAll(async () => {
    await receiver?.close();
    await h?.close();
  });

  const subscribe = async (url: string) => {
    const created = await h.call('POST', '/api/webhooks', h.people.boss!, { url, events: ['task.opened'] });
    expect(created.status).toBe(201);
    return created.body as { subscription: { id: string }; secret: string };
  };
  const healthOf = async (id: string) => {
    const listed = await h.call('GET', '/api/webhooks', h.people.boss!);
    return (listed.body.health as WebhookHealthView[]).find((x) => x.subscriptionId === id)!;
  };

  it('is signed like every delivery, holds no patient data, and shows as the last delivery', async () => {
    const created = await subscribe(receiver.url);
    secret = created.secret;
    const id = created.subscription.id;
    const sent = await h.call('POST', `/api/webhooks/${id}/test`, h.people.boss!);
    expect(sent.status).toBe(200);
    expect(sent.body.delivered).toBe(true);
    expect(sent.body.failure).toBeNull();
    expect(sent.body.delivery).toMatchObject({ kind: 'portalflow.test', status: 'delivered', target: id });
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.id).toBe(sent.body.delivery.id);
    expect(got.payload.type).toBe('portalflow.test');
    expect(got.payload.data).toEqual({ subscriptionId: id });
    const health = await healthOf(id);
    expect(health.lastDeliveredAt).toBe(sent.body.delivery.deliveredAt);
    expect(health.waiting).toBe(0);
  });

  it('says why a receiver did not take it, in the subscription’s health too, and is not retried', async () => {
    const created = await subscribe(`http://127.0.0.1:${await closedPort()}/hooks`);
    const id = created.subscription.id;
    const sent = await h.call('POST', `/api/webhooks/${id}/test`, h.people.boss!);
    expect(sent.status).toBe(200);
    expect(sent.body.delivered).toBe(false);
    expect(sent.body.failure.code).toBe('RECEIVER_UNREACHABLE');
    expect(sent.body.failure.message).toMatch(/^Nothing answered at the receiver’s address/);
    expect(sent.body.delivery.status).toBe('dead');
    const health = await healthOf(id);
    expect(health.lastError).toMatch(/^RECEIVER_UNREACHABLE: /);
    expect(health.waiting).toBe(0);
  }, 30_000);

  it('is refused for a removed subscription, an unknown one, and anyone but an admin', async () => {
    // Its own address at the receiver: the first test's subscription to the same events still stands.
    const created = await subscribe(`${receiver.url}?refusals`);
    const id = created.subscription.id;
    const nurse = await h.call('POST', `/api/webhooks/${id}/test`, h.people.nina!);
    expect(nurse.status).toBe(403);
    expect((await h.call('DELETE', `/api/webhooks/${id}`, h.people.boss!)).status).toBe(200);
    const removed = await h.call('POST', `/api/webhooks/${id}/test`, h.people.boss!);
    expect([removed.status, removed.body.error.code]).toEqual([409, 'SUBSCRIPTION_REMOVED']);
    const unknown = await h.call(
      'POST',
      '/api/webhooks/00000000-0000-4000-8000-000000000000/test',
      h.people.boss!,
    );
    expect(unknown.status).toBe(404);
    expect(receiver.received).toHaveLength(1);
  });
});
