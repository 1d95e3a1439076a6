import type { OutboxItem } from '@portalflow/store';
import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, has } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body, query } from '../http/validate.ts';
import { WEBHOOK_EVENTS } from '../outbox/messages.ts';
import { CreateSubscriptionBody, OutboxListQuery } from '../outbox/schemas.ts';
import { newWebhookSecret } from '../outbox/sign.ts';

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
});

/** Webhook subscriptions (`/api/webhooks`): created, listed and removed by an admin. */
export function webhookRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'get',
    path: '/api/webhooks',
    summary: 'Webhook subscriptions (never their secrets) and the event types there are',
    tag: 'outbox',
    instanceData: false,
  });
  app.get('/', async (c) => {
    requireAdmin(requireUser(c));
    return c.json({ subscriptions: await deps.store.listWebhookSubscriptions(), events: WEBHOOK_EVENTS });
  });
  docs.add({
    method: 'post',
    path: '/api/webhooks',
    summary: 'Subscribe a receiver URL to event types (`*` for all); the `whsec_` secret is shown once',
    tag: 'outbox',
    instanceData: false,
    body: CreateSubscriptionBody,
    responses: { 201: 'Subscription and its secret (shown once)', 400: 'Invalid URL or event type' },
  });
  app.post('/', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const input = await body(c, CreateSubscriptionBody);
    const secret = newWebhookSecret();
    const subscription = await deps.store.createWebhookSubscription({
      url: input.url,
      events: [...new Set(input.events)],
      secret,
      createdBy: user.id,
      createdAt: deps.clock(),
    });
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `created webhook subscription ${subscription.id}`,
    });
    return c.json({ subscription, secret }, 201);
  });
  docs.add({
    method: 'delete',
    path: '/api/webhooks/{id}',
    summary: 'Stop a subscription: nothing more is sent to it (its pending deliveries are dead-lettered)',
    tag: 'outbox',
    instanceData: false,
  });
  app.delete('/:id', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const id = c.req.param('id');
    if (!(await deps.store.getWebhookSubscription(id))) throw notFound('The subscription');
    const disabled = await deps.store.disableWebhookSubscription(id, deps.clock());
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: disabled
        ? `removed webhook subscription ${id}`
        : `webhook subscription ${id} was already removed`,
    });
    return c.json({ subscription: (await deps.store.listWebhookSubscriptions()).find((s) => s.id === id) });
  });
  return app;
}

/** The outbox (`/api/outbox`): every email and webhook delivery, and re-sending a dead one. */
export function outboxRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'get',
    path: '/api/outbox',
    summary: 'Deliveries, newest first, by channel and status (pending, delivered, dead, skipped)',
    tag: 'outbox',
    instanceData: false,
    query: OutboxListQuery,
  });
  app.get('/', async (c) => {
    requireAdmin(requireUser(c));
    const q = query(c, OutboxListQuery);
    const items = await deps.store.listOutbox(q);
    return c.json({ deliveries: items.map(deliveryView) });
  });
  docs.add({
    method: 'post',
    path: '/api/outbox/{id}/resend',
    summary: 'Send a dead delivery again (same id, attempts from zero)',
    tag: 'outbox',
    instanceData: false,
    responses: { 200: 'Pending again', 404: 'No such delivery', 409: 'Not dead (NOT_DEAD)' },
  });
  app.post('/:id/resend', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const id = c.req.param('id');
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
    return c.json({ delivery: deliveryView((await deps.store.getOutbox(id))!) });
  });
  return app;
}
