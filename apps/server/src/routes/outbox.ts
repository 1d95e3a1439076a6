import {
  createWebhook,
  finishWebhookRotation,
  listDeliveries,
  listWebhooks,
  removeWebhook,
  resendDelivery,
  rotateWebhookSecret,
  sendTestEmail,
  sendTestWebhook,
  WEBHOOK_EVENTS,
} from '@portalflow/contract';
import type { OutboxItem } from '@portalflow/store';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, has } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { newWebhookSecret } from '../outbox/sign.ts';
import { subscribe } from '../outbox/subscribe.ts';
import { sendTestEmail as sendTestEmailNow } from '../outbox/test-email.ts';
import { sendTestWebhook as sendTestWebhookNow } from '../outbox/test-webhook.ts';

function requireAdmin(user: AuthUser): void {
  if (!has(user, 'admin')) throw forbidden('Only an admin manages webhooks and the outbox');
}

/** A delivery as the admin screen shows it: ids, kinds and states; email recipients as user ids. */
const deliveryView = (item: OutboxItem) => ({
  id: item.id,
  channel: item.channel,
  kind: item.kind,
  target: item.target,
  instanceId: item.instanceId,
  taskId: item.taskId,
  status: item.status,
  attempts: item.attempts,
  nextAt: item.nextAt,
  lastError: item.lastError,
  createdAt: item.createdAt,
  deliveredAt: item.deliveredAt,
  sequence: item.sequence,
});

const removed = () =>
  new ApiError(409, 'SUBSCRIPTION_REMOVED', 'This subscription was removed: subscribe the receiver again');

/** Webhook subscriptions (`/api/webhooks`): created, listed and removed by an admin. */
export function webhookRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  app.openapi(declared(docs, listWebhooks), async (c) => {
    requireAdmin(requireUser(c));
    const [subscriptions, health] = await Promise.all([
      deps.store.listWebhookSubscriptions(),
      deps.store.webhookHealth(),
    ]);
    return c.json({ subscriptions, events: [...WEBHOOK_EVENTS], health }, 200);
  });
  app.openapi(declared(docs, createWebhook), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const result = await subscribe(deps, c.req.valid('json'), user.id);
    if ('refused' in result) throw new ApiError(result.status, result.refused, result.message);
    const { subscription, secret } = result;
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `created webhook subscription ${subscription.id}`,
    });
    return c.json({ subscription, secret }, 201);
  });
  app.openapi(declared(docs, removeWebhook), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const { id } = c.req.valid('param');
    if (!(await deps.store.getWebhookSubscription(id))) throw notFound('The subscription');
    const disabled = await deps.store.disableWebhookSubscription(id, deps.clock());
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: disabled
        ? `removed webhook subscription ${id}`
        : `webhook subscription ${id} was already removed`,
    });
    const { secret: _secret, ...subscription } = (await deps.store.getWebhookSubscription(id))!;
    return c.json({ subscription }, 200);
  });
  app.openapi(declared(docs, rotateWebhookSecret), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const { id } = c.req.valid('param');
    if (!(await deps.store.getWebhookSubscription(id))) throw notFound('The subscription');
    const secret = newWebhookSecret();
    if (!(await deps.store.rotateWebhookSecret(id, secret))) throw removed();
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `rotated the signing secret of webhook subscription ${id}`,
    });
    const { secret: _secrets, ...subscription } = (await deps.store.getWebhookSubscription(id))!;
    return c.json({ subscription, secret }, 200);
  });
  app.openapi(declared(docs, finishWebhookRotation), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const { id } = c.req.valid('param');
    if (!(await deps.store.getWebhookSubscription(id))) throw notFound('The subscription');
    await deps.store.finishWebhookRotation(id);
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `finished rotating the signing secret of webhook subscription ${id}`,
    });
    const { secret: _secret, ...subscription } = (await deps.store.getWebhookSubscription(id))!;
    return c.json({ subscription }, 200);
  });
  app.openapi(declared(docs, sendTestWebhook), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const { id } = c.req.valid('param');
    const result = await sendTestWebhookNow(deps, id);
    if ('refused' in result) throw result.refused === 'NOT_FOUND' ? notFound('The subscription') : removed();
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `sent a test event to webhook subscription ${id}`,
    });
    const { delivery, ...outcome } = result;
    return c.json({ ...outcome, delivery: deliveryView(delivery) }, 200);
  });
  return app;
}

/** The outbox (`/api/outbox`): every email and webhook delivery, and re-sending a dead one. */
export function outboxRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  app.openapi(declared(docs, listDeliveries), async (c) => {
    requireAdmin(requireUser(c));
    const items = await deps.store.listOutbox(c.req.valid('query'));
    return c.json({ deliveries: items.map(deliveryView) }, 200);
  });
  app.openapi(declared(docs, sendTestEmail), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const result = await sendTestEmailNow(deps, user.id, c.req.valid('json').to);
    if ('refused' in result) throw ApiError.of(result.refused);
    // The address stays out of the log: who sent a test, and whether it went.
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: result.delivered ? 'sent a test email' : `a test email failed: ${result.failure?.code}`,
    });
    return c.json(result, 200);
  });
  app.openapi(declared(docs, resendDelivery), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const { id } = c.req.valid('param');
    const item = await deps.store.getOutbox(id);
    if (!item) throw notFound('The delivery');
    if (item.channel === 'webhook') {
      const sub = await deps.store.getWebhookSubscription(item.target);
      if (!sub || sub.disabledAt)
        throw new ApiError(
          409,
          'SUBSCRIPTION_REMOVED',
          'Its webhook subscription was removed; nothing can be re-sent',
        );
    }
    if (!(await deps.store.resendOutbox(id, deps.clock())))
      throw new ApiError(409, 'NOT_DEAD', `This delivery is ${item.status}; only a dead one is re-sent`);
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `re-sent delivery ${id}`,
    });
    return c.json({ delivery: deliveryView((await deps.store.getOutbox(id))!) }, 200);
  });
  return app;
}
