import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { WEBHOOK_SEQUENCE_HEADER } from '@portalflow/contract';
import type { OutboxItem, WebhookSubscriptionWithSecret } from '@portalflow/store';
import { webhookNetworkWords, webhookPrivateWords, webhookStatusWords } from './failure-words.ts';
import {
  isPrivateAddress,
  literalAddress,
  PrivateAddressError,
  publicOnlyLookup,
} from './receiver-address.ts';
import { signWebhook } from './sign.ts';

/** How one webhook attempt ended. `gone`: the receiver answered 410 and wants no more. */
export type WebhookResult = { ok: true } | { ok: false; gone: boolean; error: string };

export interface WebhookSendOptions {
  timeoutMs: number;
  /** PORTALFLOW_WEBHOOK_ALLOW_PRIVATE=1: this server and private networks may receive too. */
  allowPrivate: boolean;
}

/**
 * The body sent: the stored `{type, timestamp, data}` with the delivery's `sequence` (its place in the
 * subscription's order, also the `webhook-sequence` header), so a receiver reading either can order.
 */
export function webhookBody(item: OutboxItem): string {
  const payload = (item.payload ?? {}) as Record<string, unknown>;
  return JSON.stringify(item.sequence === null ? payload : { ...payload, sequence: item.sequence });
}

/**
 * POSTs one outbox message, signed per Standard Webhooks: `webhook-id` is the outbox id and
 * `webhook-sequence` its number (both the same on every retry), `webhook-timestamp` the attempt's time.
 * Redirects are not followed: a 3xx is a failure. Unless private addresses are allowed, the receiver's
 * address is checked after its name is resolved, on the very connection the message goes over.
 */
export async function sendWebhook(
  sub: WebhookSubscriptionWithSecret,
  item: OutboxItem,
  now: string,
  options: WebhookSendOptions,
): Promise<WebhookResult> {
  const body = webhookBody(item);
  const timestamp = Math.floor(Date.parse(now) / 1000);
  const url = new URL(sub.url);
  const literal = literalAddress(url);
  if (!options.allowPrivate && literal && isPrivateAddress(literal))
    return { ok: false, gone: false, error: webhookPrivateWords(literal) };
  const headers: OutgoingHttpHeaders = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'user-agent': 'portalflow-webhooks',
    'webhook-id': item.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(sub.secret, item.id, timestamp, body),
    ...(item.sequence === null ? {} : { [WEBHOOK_SEQUENCE_HEADER]: String(item.sequence) }),
  };
  try {
    const status = await post(url, headers, body, options);
    if (status >= 200 && status < 300) return { ok: true };
    return { ok: false, gone: status === 410, error: webhookStatusWords(status) };
  } catch (error) {
    if (error instanceof PrivateAddressError)
      return { ok: false, gone: false, error: webhookPrivateWords(error.address) };
    return { ok: false, gone: false, error: webhookNetworkWords(error, options.timeoutMs) };
  }
}

/** One POST; resolves with the answer's status once its body is read (and thrown away). */
function post(
  url: URL,
  headers: OutgoingHttpHeaders,
  body: string,
  options: WebhookSendOptions,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers,
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        // The answer's body is never needed; drain it so the connection is freed.
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
