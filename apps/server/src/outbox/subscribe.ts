import type { CreateSubscriptionBody } from '@portalflow/contract';
import type { WebhookSubscription } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';
import { webhookPrivateWords } from './failure-words.ts';
import { privateReceiverAddress } from './receiver-address.ts';
import { newWebhookSecret } from './sign.ts';

export type SubscribeResult =
  | { subscription: WebhookSubscription; secret: string }
  /** The receiver is this server or a private network (the sentence says which address). */
  | { refused: 'WEBHOOK_ADDRESS_PRIVATE'; message: string };

/**
 * A new webhook subscription with its own secret (shown once). A receiver on this server or a private
 * network is refused unless the operator allows those (each delivery checks again, after resolving).
 */
export async function subscribe(
  deps: AppDeps,
  input: { url: string; events: CreateSubscriptionBody['events'] },
  userId: string,
): Promise<SubscribeResult> {
  if (!deps.config.outbox.allowPrivateWebhooks) {
    const address = await privateReceiverAddress(input.url);
    if (address)
      return {
        refused: 'WEBHOOK_ADDRESS_PRIVATE',
        message: webhookPrivateWords(address).replace(/^[A-Z_]+: /, ''),
      };
  }
  const secret = newWebhookSecret();
  const subscription = await deps.store.createWebhookSubscription({
    url: input.url,
    events: [...new Set(input.events)],
    secret,
    createdBy: userId,
    createdAt: deps.clock(),
  });
  return { subscription, secret };
}
