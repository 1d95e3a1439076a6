import { z } from 'zod';
import { IdParams, Timestamp } from './common.ts';
import { errors, json, route } from './route.ts';

/**
 * A person's sign-in held back after failed attempts (the sign-in throttle), as an admin sees it: the
 * person phones to say they are locked out, and the admin can see until when and let them in now.
 */
export const SignInPauseView = z.object({
  /** When the latest pause on this account ends; null when nobody is held back. */
  pausedUntil: Timestamp.nullable(),
  /** Failed attempts (passwords and sign-in codes) still counted against the account. */
  failedAttempts: z.number().int(),
});
export type SignInPauseView = z.infer<typeof SignInPauseView>;

const tags = ['accounts'];
const notAdmin = 'Not an admin (FORBIDDEN)';
const signedOut = 'Not signed in (UNAUTHENTICATED)';

export const getSignInPause = route({
  method: 'get',
  path: '/api/users/{id}/sign-in-pause',
  summary:
    "Whether an account's sign-in is paused after failed attempts, and until when (admin); counted by the server process that answers",
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(SignInPauseView, 'The pause, if any'),
    ...errors({ 401: signedOut, 403: notAdmin, 404: 'No such account (NOT_FOUND)' }),
  },
});

export const liftSignInPause = route({
  method: 'delete',
  path: '/api/users/{id}/sign-in-pause',
  summary:
    "Let a person sign in now (admin): forgets the account's failed attempts; recorded in the account's change history when there were any",
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ lifted: z.boolean() }), 'Whether anything was held back'),
    ...errors({ 401: signedOut, 403: notAdmin, 404: 'No such account (NOT_FOUND)' }),
  },
});
