import { z } from 'zod';
import { errors, route } from './route.ts';

/**
 * What a live-update event says: ids and kinds only, never patient data, so the web re-reads what
 * changed through the routes that check access and log it.
 */
export const LiveEvents = {
  'instance.changed': z.object({ instanceId: z.string(), practice: z.boolean().optional() }).loose(),
  notification: z.object({}).loose(),
  'definition.changed': z.object({}).loose(),
  /** The clinic hours changed: re-read `/api/config`. */
  'clinic.changed': z.object({}).loose(),
  /** An account was made, renamed, given other roles or disabled: re-read the directory (`/api/people`). */
  'people.changed': z.object({ userId: z.string() }).loose(),
  /** The server no longer keeps what the client missed: re-read everything. */
  reset: z.object({}).loose(),
} as const;
export type LiveEventName = keyof typeof LiveEvents;

export const liveEvents = route({
  method: 'get',
  path: '/api/events',
  summary:
    'Server-Sent Events: queue, instance and notification changes (ids only, never patient data). ' +
    'Event ids are change-feed positions: a client reconnecting with Last-Event-ID gets what it missed, or a ' +
    '`reset` event when that is no longer kept. The stream ends when its session or API token does ' +
    '(sign-out, timeouts, revocation, the account disabled or its roles changed).',
  tags: ['live'],
  'x-instance-data': false,
  responses: {
    200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errors({ 401: 'Not signed in (UNAUTHENTICATED)' }),
  },
});
