import { z } from 'zod';
import { WEBHOOK_EVENTS } from './messages.ts';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');

/** A person's email settings; quiet hours are both set or both empty. */
export const EmailPreferencesBody = z
  .object({
    address: z.email().max(254).nullable(),
    assigned: z.boolean(),
    escalated: z.boolean(),
    overdue: z.boolean(),
    digest: z.boolean(),
    quietStart: HHMM.nullable(),
    quietEnd: HHMM.nullable(),
  })
  .strict()
  .refine((p) => (p.quietStart === null) === (p.quietEnd === null), {
    message: 'quiet hours need both a start and an end (or neither)',
    path: ['quietEnd'],
  });

/** Only http(s) URLs without credentials in them. */
const ReceiverUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => {
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

export const OutboxListQuery = z
  .object({
    channel: z.enum(['email', 'webhook']).optional(),
    status: z.enum(['pending', 'delivered', 'dead', 'skipped']).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();
