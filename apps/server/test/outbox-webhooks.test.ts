// Signed outbound webhooks, received by a real HTTP listener that verifies each request with the
// `standardwebhooks` reference library: a stable webhook-id across retries, backoff with jitter,
// dead letters and re-sending, admin-only management, and two workers that never send one twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../src/outbox/backoff.ts';
import { type OutboxWorker, startOutboxWorker } from '../src/outbox/worker.ts';
import { type Harness, harness, PATIENT, patientNeedles, refill } from './outbox/setup.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

const BASE_MS = 2000;

describe('outbound webhooks', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  let worker: OutboxWorker;
  let secret = '';
  let subscriptionId = '';

  beforeAll(async () => {
    h = await harness({
      allowPrivateWebhooks: true,
      backoffBaseMs: BASE_MS,
      backoffMaxMs: 8000,
      maxAttempts: 3,
      webhookTimeoutMs: 5000,
    });
    receiver = await startWebhookReceiver(() => secret);
    worker = startOutboxWorker(h.deps, { autostart: false, random: () => 0 });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
    await h?.close();
  });

  const start = async () => {
    const started = await h.call('POST', '/api/instances', h.people.boss!, {
      definitionId: refill.id,
      data: PATIENT,
    });
    expect(started.status).toBe(201);
    return started.body.instance.id as string;
  };
  const rowsOf = async (instanceId: string) =>
    (await h.store.listOutbox({ channel: 'webhook', limit: 500 })).filter((r) => r.instanceId === instanceId);

  it('lets only an admin manage subscriptions and deliveries (a burst of other requests is refused)', async () => {
    const others = [h.people.nina!, h.people.sam!, h.people.ned!];
    const attempts = await Promise.all(
      others.flatMap((p) => [
        h.call('POST', '/api/webhooks', p, { url: receiver.url, events: ['*'] }),
        h.call('GET', '/api/webhooks', p),
        h.call('GET', '/api/outbox', p),
        h.call('POST', '/api/outbox/x/resend', p),
      ]),
    );
    expect(attempts.map((a) => a.status)).toEqual(attempts.map(() => 403));
    expect(await h.store.listWebhookSubscriptions()).toEqual([]);

    const bad = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: 'ftp://example/x',
      events: ['*'],
    });
    expect(bad.status).toBe(400);
    const unknown = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: receiver.url,
      events: ['task.eaten'],
    });
    expect(unknown.status).toBe(400);

    const created = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: receiver.url,
      events: ['*'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    secret = created.body.secret;
    subscriptionId = created.body.subscription.id;
    const listed = await h.call('GET', '/api/webhooks', h.people.boss!);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
  });

  it('sends each event signed, with the outbox id as webhook-id and ids only in the payload', async () => {
    const instanceId = await start();
    const rows = await rowsOf(instanceId);
    expect(rows.map((r) => r.kind).sort()).toEqual(['instance.started', 'task.opened']);
    expect(rows.every((r) => r.target === subscriptionId && r.status === 'pending')).toBe(true);
    await worker.tick();
    expect(receiver.rejected).toEqual([]);
    const got = receiver.received.filter((r) => r.payload.data.instanceId === instanceId);
    expect(got.map((g) => g.id).sort()).toEqual(rows.map((r) => r.id).sort());
    const opened = got.find((g) => g.payload.type === 'task.opened')!;
    expect(opened.payload.data).toEqual({
      instanceId,
      workflowId: refill.id,
      version: 1,
      taskId: expect.stringMatching(new RegExp(`^${instanceId}:`)),
      step: 'triage',
      role: 'nurse',
    });
    const lower = got
      .map((g) => g.body)
      .join('\n')
      .toLowerCase();
    for (const needle of patientNeedles()) expect(lower).not.toContain(needle);
    for (const r of rows) expect((await h.store.getOutbox(r.id))?.status).toBe('delivered');
  });

  it('retries a failing receiver with backoff, the same webhook-id every time, until it succeeds', async () => {
    receiver.options.failures = 2;
    const instanceId = await start();
    const rows = await rowsOf(instanceId);
    await worker.tick();
    let row = (await h.store.getOutbox(rows[0]!.id))!;
    expect([row.status, row.attempts]).toEqual(['pending', 1]);
    expect(row.lastError).toMatch(/^RECEIVER_ERROR: .*HTTP 500/);
    // random() = 0: half the exponential delay, exactly.
    expect(Date.parse(row.nextAt) - h.clock.now).toBe(BASE_MS / 2);
    // Not due yet: nothing is sent.
    await worker.tick();
    expect((await h.store.getOutbox(row.id))!.attempts).toBe(1);
    h.clock.advance(BASE_MS / 2);
    await worker.tick();
    row = (await h.store.getOutbox(row.id))!;
    expect([row.status, row.attempts]).toEqual(['pending', 2]);
    expect(Date.parse(row.nextAt) - h.clock.now).toBe(BASE_MS);
    h.clock.advance(BASE_MS);
    await worker.tick();
    for (const r of rows) {
      const settled = (await h.store.getOutbox(r.id))!;
      expect([settled.status, settled.attempts]).toEqual(['delivered', 3]);
      expect(receiver.received.filter((g) => g.id === r.id).map((g) => g.status)).toEqual([500, 500, 204]);
    }
    receiver.options.failures = 0;
  });

  it('dead-letters after the limit; an admin lists and re-sends it with the same id', async () => {
    receiver.options.alwaysFail = true;
    const instanceId = await start();
    for (let i = 0; i < 3; i++) {
      await worker.tick();
      h.clock.advance(8000);
    }
    const rows = await rowsOf(instanceId);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['dead', 3]));
    const dead = await h.call('GET', '/api/outbox?channel=webhook&status=dead', h.people.boss!);
    expect(dead.status).toBe(200);
    expect(dead.body.deliveries.map((d: { id: string }) => d.id).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );

    receiver.options.alwaysFail = false;
    const target = rows[0]!;
    const resent = await h.call(
      'POST',
      `/api/outbox/${encodeURIComponent(target.id)}/resend`,
      h.people.boss!,
    );
    expect(resent.status).toBe(200);
    expect(resent.body.delivery).toMatchObject({ id: target.id, status: 'pending', attempts: 0 });
    await worker.tick();
    expect((await h.store.getOutbox(target.id))?.status).toBe('delivered');
    expect(receiver.received.filter((g) => g.id === target.id).map((g) => g.status)).toEqual([
      500, 500, 500, 204,
    ]);
    const again = await h.call('POST', `/api/outbox/${encodeURIComponent(target.id)}/resend`, h.people.boss!);
    expect([again.status, again.body.error.code]).toEqual([409, 'NOT_DEAD']);
    expect((await h.call('POST', '/api/outbox/nope/resend', h.people.boss!)).status).toBe(404);
  });

  it('stops at once when the receiver answers 410 Gone', async () => {
    receiver.options.alwaysFail = true;
    receiver.options.failStatus = 410;
    const instanceId = await start();
    await worker.tick();
    const rows = await rowsOf(instanceId);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['dead', 1]));
    receiver.options.alwaysFail = false;
    receiver.options.failStatus = 500;
  });

  it('two workers racing over the same rows send each message exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await start());
    const other = startOutboxWorker(
      { ...h.deps, config: { ...h.deps.config, processId: 'outbox-b' } },
      { autostart: false, random: () => 0 },
    );
    await Promise.all([worker.tick(), other.tick()]);
    await other.stop();
    const rows = (await Promise.all(ids.map(rowsOf))).flat();
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    for (const r of rows) expect(receiver.received.filter((g) => g.id === r.id)).toHaveLength(1);
  });

  it('a subscription gets only the event types it chose', async () => {
    const chosen = await h.call('POST', '/api/webhooks', h.people.boss!, {
      url: receiver.url,
      events: ['instance.cancelled', 'task.closed'],
    });
    expect(chosen.status).toBe(201);
    const instanceId = await start();
    const rows = await rowsOf(instanceId);
    expect(rows.filter((r) => r.target === chosen.body.subscription.id)).toEqual([]);
    expect(
      rows
        .filter((r) => r.target === subscriptionId)
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['instance.started', 'task.opened']);
    const cancelled = await h.call('POST', `/api/instances/${instanceId}/cancel`, h.people.boss!, {
      reason: 'duplicate',
    });
    expect(cancelled.status).toBe(200);
    const after = (await rowsOf(instanceId)).filter((r) => r.target === chosen.body.subscription.id);
    expect(after.map((r) => r.kind).sort()).toEqual(['instance.cancelled', 'task.closed']);
    expect(new Set(after.map((r) => r.id)).size).toBe(2);
    expect(
      (await h.call('DELETE', `/api/webhooks/${chosen.body.subscription.id}`, h.people.boss!)).status,
    ).toBe(200);
  });

  it('a removed subscription gets nothing more', async () => {
    expect((await h.call('DELETE', `/api/webhooks/${subscriptionId}`, h.people.boss!)).status).toBe(200);
    const instanceId = await start();
    expect(await rowsOf(instanceId)).toEqual([]);
  });
});

describe('retry delay', () => {
  it('doubles from the base up to the cap, jittered between half and all of it', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 1000, 8000, () => 0))).toEqual([
      500, 1000, 2000, 4000, 4000,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 1000, 8000, () => 0.999_999))).toEqual([
      1000, 2000, 4000, 8000, 8000,
    ]);
  });
});
