import type { CreateSubscriptionBody } from '@portalflow/contract';
import type { WebhookSubscription } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';
import { webhookPrivateWords } from './failure-words.ts';
import { privateReceiverAddress } from './receiver-address.ts';
import { newWebhookSecret } from './sign.ts';

export type SubscribeResult =
  | { subscription: WebhookSubscription; secret: string }
  /** The receiver is this server or a private network (the sentence says which address). */
  | { refused: 'WEBHOOK_ADDRESS_PRIVATE'; status: 400; message: string }
  /** The receiver already has a subscription to the same events: it would get each twice. */
  | { refused: 'WEBHOOK_ALREADY_SUBSCRIBED'; status: 409; message: string };

/** One address however it is written (host case, default port): `new URL` writes it one way. */
const sameReceiver = (a: string, b: string) => new URL(a).href === new URL(b).href;

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
        status: 400,
        message: webhookPrivateWords(address).replace(/^[A-Z_]+: /, ''),
      };
  }
  // The same receiver for the same events (a second click, or two admins at once): each event would
  // reach it twice. The same receiver for other events is a receiver's own choice (one endpoint per
  // kind of work), so it is allowed.
  const events = [...new Set(input.events)].sort().join(' ');
  const standing = (await deps.store.listWebhookSubscriptions()).find(
    (s) =>
      s.disabledAt === null && sameReceiver(s.url, input.url) && [...s.events].sort().join(' ') === events,
  );
  if (standing)
    return {
      refused: 'WEBHOOK_ALREADY_SUBSCRIBED',
      status: 409,
      message: `This receiver is already subscribed to these events (since ${standing.createdAt.slice(0, 10)}): it would get each of them twice`,
    };
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
