import { z } from 'zod';
import { Id, IdParams, Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/**
 * The outbox: email to people and signed webhooks to other systems. Webhook payloads are
 * `{type, timestamp, data}` where `data` holds ids and kinds only (instance, workflow, version, task,
 * step, role, close reason, assignee's user id): never instance data values, outcomes, comments or a
 * request's subject.
 */
export const WEBHOOK_EVENTS = [
  'instance.started',
  'instance.completed',
  'instance.cancelled',
  'task.opened',
  'task.assigned',
  'task.escalated',
  'task.overdue',
  'task.closed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * The event an admin sends to check a subscription ("Send test event"): `data` holds only the
 * subscription's id. Signed and numbered like every other delivery; no subscription chooses it.
 */
export const WEBHOOK_TEST_EVENT = 'portalflow.test';

/**
 * The header giving a delivery's place in its subscription's order: 1, 2, 3… for each subscription,
 * without gaps, the same on every retry of one event; the body repeats it as `sequence`.
 */
export const WEBHOOK_SEQUENCE_HEADER = 'webhook-sequence';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');

/** A person's email settings; quiet hours are both set or both empty. */
export const EmailPreferencesBody = z
  .object({
    address: z.email().max(254).nullable(),
    assigned: z.boolean(),
    escalated: z.boolean(),
    overdue: z.boolean(),
    /** Left out: kept as it is (on for someone who never set it). */
    cancelled: z.boolean().optional(),
    digest: z.boolean(),
    quietStart: HHMM.nullable(),
    quietEnd: HHMM.nullable(),
  })
  .strict()
  .refine((p) => (p.quietStart === null) === (p.quietEnd === null), {
    message: 'quiet hours need both a start and an end (or neither)',
    path: ['quietEnd'],
  })
  // 22:00 until 22:00 reads as "always quiet" to one person and "never" to another: neither is kept.
  .refine((p) => p.quietStart === null || p.quietStart !== p.quietEnd, {
    message: 'quiet hours end after they start: choose a different end time (or leave both empty)',
    path: ['quietEnd'],
  });
export type EmailPreferencesBody = z.input<typeof EmailPreferencesBody>;

export const EmailPreferencesView = z.object({
  preferences: z.object({
    userId: Id,
    address: z.string().nullable(),
    assigned: z.boolean(),
    escalated: z.boolean(),
    overdue: z.boolean(),
    cancelled: z.boolean(),
    digest: z.boolean(),
    quietStart: z.string().nullable(),
    quietEnd: z.string().nullable(),
    updatedAt: Timestamp.nullable(),
  }),
  /** The clinic's time zone, in which quiet hours and the digest time are read. */
  timeZone: z.string(),
  /** False when the server has no SMTP server configured: nothing is sent. */
  emailEnabled: z.boolean(),
});
export type EmailPreferencesView = z.infer<typeof EmailPreferencesView>;

/** Only http(s) URLs without credentials in them. */
const ReceiverUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => {
    // Refinements run even when the URL check failed: an unparseable one is already refused above.
    if (!URL.canParse(u)) return true;
    const parsed = new URL(u);
    return parsed.username === '' && parsed.password === '';
  }, 'a URL without a user name or password in it');

export const CreateSubscriptionBody = z
  .object({
    url: ReceiverUrl,
    events: z
      .array(z.enum([...WEBHOOK_EVENTS, '*']))
      .min(1)
      .max(WEBHOOK_EVENTS.length + 1),
  })
  .strict();
export type CreateSubscriptionBody = z.input<typeof CreateSubscriptionBody>;

/** A subscription as listed: never its secret. */
export const WebhookSubscriptionView = z.object({
  id: Id,
  url: z.string(),
  events: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
  disabledAt: Timestamp.nullable(),
  /**
   * A new signing secret was made and the old one still signs too (every delivery carries both
   * signatures) until the rotation is finished: the receiver switches secrets without a gap.
   */
  rotating: z.boolean(),
});
export type WebhookSubscriptionView = z.infer<typeof WebhookSubscriptionView>;

/** How a subscription's deliveries stand: the admin sees a receiver that is down without reading every row. */
export const WebhookHealthView = z.object({
  subscriptionId: Id,
  waiting: z.number().int().min(0),
  retrying: z.number().int().min(0),
  dead: z.number().int().min(0),
  lastDeliveredAt: Timestamp.nullable(),
  failingSince: Timestamp.nullable(),
  /** A code and a sentence, e.g. `RECEIVER_UNREACHABLE: Nothing answered…`. */
  lastError: z.string().nullable(),
  /**
   * The newest test event an admin sent ("Send test event"): when, how it ended, and (failed) the
   * receiver's answer as a code and a sentence. A failed test is given up at once, never retried.
   */
  lastTest: z
    .object({
      at: Timestamp,
      status: z.enum(['pending', 'delivered', 'dead']),
      error: z.string().nullable(),
    })
    .nullable(),
});
export type WebhookHealthView = z.infer<typeof WebhookHealthView>;

export const DeliveryStatus = z.enum(['pending', 'delivered', 'dead', 'skipped']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One email or webhook message: ids, kinds and states; an email's recipient as a user id. */
export const DeliveryView = z.object({
  id: z.string(),
  channel: z.enum(['email', 'webhook']),
  kind: z.string(),
  target: z.string(),
  instanceId: z.string().nullable(),
  taskId: z.string().nullable(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  nextAt: Timestamp,
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  deliveredAt: Timestamp.nullable(),
  /** A webhook's place in its subscription's order (the `webhook-sequence` header); null for email. */
  sequence: z.number().int().nullable(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const OutboxListQuery = z
  .object({
    channel: z.enum(['email', 'webhook']).optional(),
    status: DeliveryStatus.optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

/** How a test send ended: delivered, or the failure's code and its sentence (e.g. `SMTP_UNREACHABLE`). */
export const TestSendOutcome = z.object({
  delivered: z.boolean(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type TestSendOutcome = z.infer<typeof TestSendOutcome>;

/** Where a test email goes: the address typed, or (left out) the admin's own. */
export const TestEmailBody = z.object({ to: z.email().max(254).optional() }).strict();
export type TestEmailBody = z.input<typeof TestEmailBody>;

const UNAUTHENTICATED = 'Not signed in (UNAUTHENTICATED)';
const ADMINS_ONLY = 'Admins only (FORBIDDEN)';

export const getEmailPreferences = route({
  method: 'get',
  path: '/api/email-preferences',
  summary: 'Your email notifications: address, on/off per kind, quiet hours (clinic time zone)',
  tags: ['outbox'],
  'x-instance-data': false,
  responses: { 200: json(EmailPreferencesView, 'Your settings'), ...errors({ 401: UNAUTHENTICATED }) },
});

export const saveEmailPreferences = route({
  method: 'put',
  path: '/api/email-preferences',
  summary: 'Save your email notifications',
  tags: ['outbox'],
  'x-instance-data': false,
  request: { body: jsonBody(EmailPreferencesBody) },
  responses: {
    200: json(EmailPreferencesView, 'Saved'),
    ...errors({
      401: UNAUTHENTICATED,
      400: 'Not an email address, or half of the quiet hours (VALIDATION_FAILED)',
      403: 'A new address sent with an API token: where emails go changes only signed in (SESSION_REQUIRED)',
    }),
  },
});

export const listWebhooks = route({
  method: 'get',
  path: '/api/webhooks',
  summary:
    'Webhook subscriptions (never their secrets), how each one’s deliveries stand, and the event types there are',
  tags: ['outbox'],
  'x-instance-data': false,
  responses: {
    200: json(
      z.object({
        subscriptions: z.array(WebhookSubscriptionView),
        events: z.array(z.string()),
        /** One per subscription: last delivery, waiting, retrying (since when, why), given up. */
        health: z.array(WebhookHealthView),
      }),
      'Subscriptions, oldest first, with how their deliveries stand',
    ),
    ...errors({ 401: UNAUTHENTICATED, 403: ADMINS_ONLY }),
  },
});

export const createWebhook = route({
  method: 'post',
  path: '/api/webhooks',
  summary: 'Subscribe a receiver URL to event types (`*` for all); the `whsec_` secret is shown once',
  tags: ['outbox'],
  'x-instance-data': false,
  request: { body: jsonBody(CreateSubscriptionBody) },
  responses: {
    201: json(
      z.object({ subscription: WebhookSubscriptionView, secret: z.string() }),
      'Created; secret shown once',
    ),
    ...errors({
      401: UNAUTHENTICATED,
      403: ADMINS_ONLY,
      400: 'Not an http(s) URL, or an unknown event type (VALIDATION_FAILED); an address on this server or a private network, unless PORTALFLOW_WEBHOOK_ALLOW_PRIVATE=1 (WEBHOOK_ADDRESS_PRIVATE)',
      409: 'The receiver already has a subscription to the same events that is not removed (WEBHOOK_ALREADY_SUBSCRIBED): each would reach it twice',
    }),
  },
});

export const removeWebhook = route({
  method: 'delete',
  path: '/api/webhooks/{id}',
  summary: 'Stop a subscription: nothing more is sent to it (its pending deliveries are dead-lettered)',
  tags: ['outbox'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ subscription: WebhookSubscriptionView }), 'Removed (or already removed)'),
    ...errors({ 401: UNAUTHENTICATED, 403: ADMINS_ONLY, 404: 'No such subscription (NOT_FOUND)' }),
  },
});

export const rotateWebhookSecret = route({
  method: 'post',
  path: '/api/webhooks/{id}/rotate',
  summary:
    'Make a new signing secret (shown once); until the rotation is finished each delivery is signed with the new and the previous one',
  tags: ['outbox'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(
      z.object({ subscription: WebhookSubscriptionView, secret: z.string() }),
      'Rotating; the new secret shown once',
    ),
    ...errors({
      401: UNAUTHENTICATED,
      403: ADMINS_ONLY,
      404: 'No such subscription (NOT_FOUND)',
      409: 'The subscription was removed (SUBSCRIPTION_REMOVED)',
    }),
  },
});

export const finishWebhookRotation = route({
  method: 'post',
  path: '/api/webhooks/{id}/rotation/finish',
  summary:
    'Stop signing with the previous secret: only the newest signs from now on (nothing to finish: unchanged)',
  tags: ['outbox'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ subscription: WebhookSubscriptionView }), 'Only the newest secret signs'),
    ...errors({ 401: UNAUTHENTICATED, 403: ADMINS_ONLY, 404: 'No such subscription (NOT_FOUND)' }),
  },
});

export const sendTestWebhook = route({
  method: 'post',
  path: '/api/webhooks/{id}/test',
  summary:
    'Send a `portalflow.test` event (no patient data, signed and numbered like the others) now, and say how it went; it shows in the subscription’s health and on Deliveries',
  tags: ['outbox'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(
      TestSendOutcome.extend({ delivery: DeliveryView }),
      'Sent: delivered, or why not (a failed test is not retried; Resend sends it again)',
    ),
    ...errors({
      401: UNAUTHENTICATED,
      403: ADMINS_ONLY,
      404: 'No such subscription (NOT_FOUND)',
      409: 'The subscription was removed (SUBSCRIPTION_REMOVED)',
    }),
  },
});

export const sendTestEmail = route({
  method: 'post',
  path: '/api/outbox/test-email',
  summary:
    'Send a test email now, to the address given or your own, and say how it went (checks the SMTP settings)',
  tags: ['outbox'],
  'x-instance-data': false,
  request: { body: jsonBody(TestEmailBody) },
  responses: {
    200: json(TestSendOutcome.extend({ to: z.string() }), 'Sent: delivered, or the failure’s code and why'),
    ...errors({
      401: UNAUTHENTICATED,
      403: ADMINS_ONLY,
      400: 'Not an email address (VALIDATION_FAILED)',
      409: 'No address given and you have none saved (NO_EMAIL_ADDRESS), or no SMTP server is configured (EMAIL_NOT_CONFIGURED)',
    }),
  },
});

export const listDeliveries = route({
  method: 'get',
  path: '/api/outbox',
  summary: 'Deliveries, newest first, by channel and status (pending, delivered, dead, skipped)',
  tags: ['outbox'],
  'x-instance-data': false,
  request: { query: OutboxListQuery },
  responses: {
    200: json(z.object({ deliveries: z.array(DeliveryView) }), 'Deliveries'),
    ...errors({
      401: UNAUTHENTICATED,
      403: ADMINS_ONLY,
      400: 'Unknown channel or status (VALIDATION_FAILED)',
    }),
  },
});

export const resendDelivery = route({
  method: 'post',
  path: '/api/outbox/{id}/resend',
  summary: 'Send a dead delivery again (same id, attempts from zero)',
  tags: ['outbox'],
  'x-instance-data': false,
  request: { params: z.object({ id: z.string().min(1).max(400) }) },
  responses: {
    200: json(z.object({ delivery: DeliveryView }), 'Pending again'),
    ...errors({
      401: UNAUTHENTICATED,
      403: ADMINS_ONLY,
      404: 'No such delivery (NOT_FOUND)',
      409: 'Not dead (NOT_DEAD), or its subscription was removed (SUBSCRIPTION_REMOVED)',
    }),
  },
});
