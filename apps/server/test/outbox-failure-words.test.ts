// What an admin reads on the Deliveries list when a receiver or the mail server fails: a code and a
// sentence saying what happened and where to look, never a bare "ECONNREFUSED" or "SMTP ESOCKET".
// Real sockets throughout: a port nothing listens on, a receiver that answers 500 or 401, and an SMTP
// server that refuses a message.
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboxWorker, startOutboxWorker } from '../src/outbox/worker.ts';
import { type Harness, harness, PATIENT, refill } from './outbox/setup.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Starts a refill, gives its task to nina (an email), and returns the request's id. */
async function assignedRefill(h: Harness): Promise<string> {
  const started = await h.call('POST', '/api/instances', h.people.boss!, {
    definitionId: refill.id,
    data: PATIENT,
  });
  expect(started.status).toBe(201);
  const taskId = started.body.instance.active[0].taskId as string;
  const given = await h.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/reassign`, h.people.boss!, {
    assignee: h.people.nina!.id,
  });
  expect(given.status).toBe(200);
  return started.body.instance.id as string;
}

async function lastErrors(h: Harness, instanceId: string, channel: 'email' | 'webhook') {
  return (await h.store.listOutbox({ channel, limit: 500 }))
    .filter((r) => r.instanceId === instanceId)
    .map((r) => r.lastError ?? '');
}

const IN_WORDS = /^[A-Z_]+: [A-Z].{20,}/;

describe('a receiver that cannot take a webhook', () => {
  let h: Harness;
  let worker: OutboxWorker;
  let refusing: WebhookReceiver;

  beforeAll(async () => {
    h = await harness({ allowPrivateWebhooks: true, maxAttempts: 5, webhookTimeoutMs: 5000 });
    refusing = await startWebhookReceiver('whsec_unused', { alwaysFail: true, failStatus: 401 });
    worker = startOutboxWorker(h.deps, { autostart: false, random: () => 0 });
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await refusing?.close();
    await h?.close();
  });

  it('is told apart in words: nothing listening, and a receiver refusing the signature', async () => {
    const down = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: `http://127.0.0.1:${await closedPort()}/hooks`,
      events: ['instance.started'],
    });
    expect(down.status).toBe(201);
    const instanceId = await h
      .call('POST', '/api/instances', h.people.boss!, { definitionId: refill.id, data: PATIENT })
      .then((r) => r.body.instance.id as string);
    await worker.tick();
    const [downError] = await lastErrors(h, instanceId, 'webhook');
    expect(downError).toMatch(IN_WORDS);
    expect(downError).toMatch(/^RECEIVER_UNREACHABLE: /);
    expect(downError).toMatch(/connection refused/i);
    expect(downError).toContain('ECONNREFUSED');

    // The receiver answers 401: likely an old secret.
    await h.call('DELETE', `/api/webhooks/${down.body.subscription.id}`, h.people.boss!);
    await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: refusing.url,
      events: ['instance.started'],
    });
    const second = await h
      .call('POST', '/api/instances', h.people.boss!, { definitionId: refill.id, data: PATIENT })
      .then((r) => r.body.instance.id as string);
    await worker.tick();
    const [refused] = await lastErrors(h, second, 'webhook');
    expect(refused).toMatch(/^RECEIVER_REFUSED: /);
    expect(refused).toContain('HTTP 401');
    expect(refused).toMatch(/secret/);
  });
});

describe('a mail server that cannot take an email', () => {
  let h: Harness;
  let worker: OutboxWorker;

  // Nina's address, straight into the store: how she sets it is not what this test is about.
  async function withAddresses(target: Harness) {
    await target.store.saveEmailPreferences(
      {
        userId: target.people.nina!.id,
        address: 'nina@clinic.example',
        assigned: true,
        escalated: true,
        overdue: true,
        cancelled: true,
        digest: true,
        quietStart: null,
        quietEnd: null,
      },
      new Date(target.clock.now).toISOString(),
    );
  }

  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('says when nothing answers at PORTALFLOW_SMTP_URL', async () => {
    h = await harness({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, maxAttempts: 5 });
    worker = startOutboxWorker(h.deps, { autostart: false, random: () => 0 });
    await withAddresses(h);
    const instanceId = await assignedRefill(h);
    await worker.tick();
    const [error] = await lastErrors(h, instanceId, 'email');
    expect(error).toMatch(IN_WORDS);
    expect(error).toMatch(/^SMTP_UNREACHABLE: /);
    expect(error).toContain('PORTALFLOW_SMTP_URL');
  }, 30_000);

  it('says when the mail server refuses the message, with its answer code', async () => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        const refusal = new Error('Relaying denied') as Error & { responseCode: number };
        refusal.responseCode = 550;
        callback(refusal);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    const other = await harness({ smtpUrl: `smtp://127.0.0.1:${port}`, maxAttempts: 5 });
    const otherWorker = startOutboxWorker(other.deps, { autostart: false, random: () => 0 });
    try {
      await withAddresses(other);
      const instanceId = await assignedRefill(other);
      await otherWorker.tick();
      const [error] = await lastErrors(other, instanceId, 'email');
      expect(error).toMatch(IN_WORDS);
      expect(error).toMatch(/^SMTP_REJECTED: /);
      expect(error).toContain('550');
    } finally {
      await otherWorker.stop();
      await other.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  }, 30_000);
});
