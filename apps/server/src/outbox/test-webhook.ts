import { randomUUID } from 'node:crypto';
import { type TestSendOutcome, WEBHOOK_TEST_EVENT } from '@portalflow/contract';
import type { OutboxItem } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';
import { failureOf } from './failure-code.ts';
import { sendWebhook } from './webhook.ts';

export type TestWebhookResult =
  | ({ delivery: OutboxItem } & TestSendOutcome)
  | { refused: 'NOT_FOUND' | 'SUBSCRIPTION_REMOVED' };

/**
 * Sends a `portalflow.test` event to one subscription now and says how it went. It is an outbox row
 * like any delivery (signed, numbered, shown in the subscription's health and on Deliveries), leased
 * to this process as it is written so no worker sends it meanwhile. Its data is the subscription's id
 * only. A failed test is given up at once (dead), not retried: the admin sees why now, and Resend on
 * Deliveries sends it again.
 */
export async function sendTestWebhook(deps: AppDeps, subscriptionId: string): Promise<TestWebhookResult> {
  const sub = await deps.store.getWebhookSubscription(subscriptionId);
  if (!sub) return { refused: 'NOT_FOUND' };
  if (sub.disabledAt) return { refused: 'SUBSCRIPTION_REMOVED' };
  const settings = deps.config.outbox;
  const owner = deps.config.processId;
  const now = deps.clock();
  const item = await deps.store.addLeasedWebhook({
    id: `test-${randomUUID()}.${sub.id}`,
    kind: WEBHOOK_TEST_EVENT,
    subscriptionId: sub.id,
    payload: { type: WEBHOOK_TEST_EVENT, timestamp: now, data: { subscriptionId: sub.id } },
    at: now,
    owner,
    leaseMs: settings.leaseMs,
  });
  if (!item) return { refused: 'SUBSCRIPTION_REMOVED' };
  const result = await sendWebhook(sub, item, now, {
    timeoutMs: settings.webhookTimeoutMs,
    allowPrivate: settings.allowPrivateWebhooks,
  });
  await deps.store.settleOutbox(
    item.id,
    owner,
    result.ok ? { status: 'delivered', at: deps.clock() } : { status: 'dead', error: result.error },
    true,
  );
  const delivery = (await deps.store.getOutbox(item.id)) ?? item;
  return result.ok
    ? { delivery, delivered: true, failure: null }
    : { delivery, delivered: false, failure: failureOf(result.error) };
}
