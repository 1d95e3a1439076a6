import { z } from 'zod';
import { Id, IdParams, Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/** An API token as the API shows it: never its secret or hash; `status` as of the answer. */
export const TokenView = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  scope: z.enum(['read', 'act']),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revoked: z.boolean(),
  revokedAt: Timestamp.nullable(),
  /** `owner`, `admin`, or the account change that ended it: `password`, `roles`, `two-factor`, `disabled`. */
  revokedReason: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export type TokenView = z.infer<typeof TokenView>;

/**
 * `lifetimeDays`: shorter than the server's default if wanted; never longer than its maximum, checked
 * in the route (which knows the maximum and says it in words: TOKEN_LIFETIME_TOO_LONG).
 */
export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    scope: z.enum(['read', 'act']),
    lifetimeDays: z.number().int().min(1).optional(),
  })
  .strict();
export type CreateTokenBody = z.input<typeof CreateTokenBody>;

const tags = ['accounts'];
const signedOut = 'Not signed in (UNAUTHENTICATED)';
const Tokens = z.object({ tokens: z.array(TokenView) });
const OneToken = z.object({ token: TokenView });
/** How long a new token lasts when no lifetime is given, and the longest it may be given (server settings). */
export const TokenLifetime = z.object({ defaultDays: z.number().int(), maxDays: z.number().int() });
const MyTokens = Tokens.extend({ lifetime: TokenLifetime });

export const createToken = route({
  method: 'post',
  path: '/api/tokens',
  summary:
    'Create an API token for yourself, from a fully signed-in session (never with a token); scope `read` or `act`; the secret is shown once',
  tags,
  'x-instance-data': false,
  request: { body: jsonBody(CreateTokenBody) },
  responses: {
    201: json(z.object({ token: TokenView, secret: z.string() }), 'Token (secret shown once)'),
    ...errors({
      400: 'Invalid body, or a lifetime longer than the server allows (TOKEN_LIFETIME_TOO_LONG)',
      401: signedOut,
      403: 'Made with a token (TOKEN_CANNOT_CREATE_TOKENS), or two-factor sign-in is needed first (TOTP_ENROLLMENT_REQUIRED)',
    }),
  },
});

export const listTokens = route({
  method: 'get',
  path: '/api/tokens',
  summary: 'Your API tokens, newest first, with status (active, expired, revoked); never their secrets',
  tags,
  'x-instance-data': false,
  responses: {
    200: json(MyTokens, 'Your tokens, and the default and longest lifetime of a new one'),
    ...errors({ 401: signedOut }),
  },
});

export const revokeToken = route({
  method: 'delete',
  path: '/api/tokens/{id}',
  summary: 'Revoke one of your API tokens; it stops working immediately',
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(OneToken, 'Revoked (or had already ended)'),
    ...errors({ 401: signedOut, 404: 'You have no such token (NOT_FOUND)' }),
  },
});

export const listUserTokens = route({
  method: 'get',
  path: '/api/users/{id}/tokens',
  summary: "An account's API tokens, newest first, with status (admin)",
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(Tokens, 'Tokens'),
    ...errors({ 401: signedOut, 403: 'Not an admin (FORBIDDEN)', 404: 'No such account (NOT_FOUND)' }),
  },
});

export const revokeUserToken = route({
  method: 'delete',
  path: '/api/users/{id}/tokens/{tokenId}',
  summary: "Revoke an account's API token (admin); it stops working immediately",
  tags,
  'x-instance-data': false,
  request: { params: z.object({ id: Id, tokenId: Id }) },
  responses: {
    200: json(OneToken, 'Revoked (or had already ended)'),
    ...errors({
      401: signedOut,
      403: 'Not an admin (FORBIDDEN)',
      404: 'No such token of that account (NOT_FOUND)',
    }),
  },
});
