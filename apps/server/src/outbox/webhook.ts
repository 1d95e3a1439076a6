import type { OutboxItem, WebhookSubscriptionWithSecret } from '@portalflow/store';
import { webhookNetworkWords, webhookStatusWords } from './failure-words.ts';
import { signWebhook } from './sign.ts';

/** How one webhook attempt ended. `gone`: the receiver answered 410 and wants no more. */
export type WebhookResult = { ok: true } | { ok: false; gone: boolean; error: string };

/**
 * POSTs one outbox message, signed per Standard Webhooks: `webhook-id` is the outbox id (the same on
 * every retry), `webhook-timestamp` the attempt's time. Redirects are not followed: a 3xx is a failure.
 */
export async function sendWebhook(
  sub: WebhookSubscriptionWithSecret,
  item: OutboxItem,
  now: string,
  timeoutMs: number,
): Promise<WebhookResult> {
  const body = JSON.stringify(item.payload);
  const timestamp = Math.floor(Date.parse(now) / 1000);
  try {
    const response = await fetch(sub.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'portalflow-webhooks',
        'webhook-id': item.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(sub.secret, item.id, timestamp, body),
      },
      body,
    });
    // The answer's body is never needed; drain it so the connection is freed.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, gone: response.status === 410, error: webhookStatusWords(response.status) };
  } catch (error) {
    return { ok: false, gone: false, error: webhookNetworkWords(error, timeoutMs) };
  }
}
