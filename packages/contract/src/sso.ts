import { z } from 'zod';
import { Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/** Single sign-on through the clinic's OpenID Provider, and the admins' group → role mapping. */

export const SsoProvider = z.object({
  provider: z.object({ name: z.string(), startUrl: z.string() }).nullable(),
});
export type SsoProvider = z.infer<typeof SsoProvider>;

const groupName = z.string().trim().min(1).max(256);
const roleName = z.string().trim().min(1).max(100);

/** One provider group and the roles it gives. */
export const GroupRoles = z.object({ group: groupName, roles: z.array(roleName).max(50) }).strict();
export type GroupRoles = z.infer<typeof GroupRoles>;

/** The whole mapping, replacing what was there; each group once. */
export const SsoGroupsBody = z
  .object({
    mapping: z.array(GroupRoles).max(500),
    /**
     * The newest change the admin's screen showed (its `id`; 0 when none): when another admin saved
     * the mapping since, this save is refused (409 CONFLICT) instead of replacing theirs unseen.
     */
    expectedChange: z.number().int().min(0).meta({ title: 'Last change you saw' }).optional(),
  })
  .strict()
  .refine((b) => new Set(b.mapping.map((m) => m.group)).size === b.mapping.length, {
    message: 'Each group may appear once',
    path: ['mapping'],
  });
export type SsoGroupsBody = z.input<typeof SsoGroupsBody>;

/** One edit of the mapping, old → new (JSON text of `{ group: roles }`). */
export const SsoMappingChange = z.object({
  id: z.number().int(),
  at: Timestamp,
  actorId: z.string().nullable(),
  /** Who changed it, as the accounts list names them; null for a change made outside the app. */
  actorName: z.string().nullable(),
  oldValue: z.string(),
  newValue: z.string(),
});

export const SsoGroupsView = z.object({
  /** Null when single sign-on is off (the mapping can still be prepared). */
  provider: z.object({ name: z.string(), groupsClaim: z.string() }).nullable(),
  mapping: z.array(GroupRoles),
  changes: z.array(SsoMappingChange),
});
export type SsoGroupsView = z.infer<typeof SsoGroupsView>;

/**
 * Single sign-on as this server runs it, for an admin: the settings it started with (from the
 * `PORTALFLOW_OIDC_*` environment settings, read-only here; never the client secret) and whether the
 * provider answers now. Both null when single sign-on is off.
 */
export const SsoStatus = z.object({
  settings: z
    .object({
      issuer: z.string(),
      providerName: z.string(),
      clientId: z.string(),
      /** Whether a client secret is set (a confidential client); the secret itself is never shown. */
      clientSecretSet: z.boolean(),
      redirectUri: z.string(),
      groupsClaim: z.string(),
      scopes: z.string(),
      /** `amr` values that count as a second factor at the provider. */
      mfaAmr: z.array(z.string()),
    })
    .nullable(),
  /** The provider's discovery document, fetched as the admin asked. */
  provider: z
    .object({
      answers: z.boolean(),
      /** Why it did not answer, in words (no secret, no token). */
      problem: z.string().nullable(),
      checkedAt: Timestamp,
    })
    .nullable(),
});
export type SsoStatus = z.infer<typeof SsoStatus>;

export { SSO_SIGN_IN_ERRORS, type SsoSignInError } from './sso-sign-in-errors.ts';

export const ssoProvider = route({
  method: 'get',
  path: '/api/auth/oidc',
  summary: "Whether single sign-on is set up, and the provider's name for the sign-in button",
  tags: ['auth'],
  'x-instance-data': false,
  'x-public': true,
  responses: { 200: json(SsoProvider, '`provider` is null when single sign-on is off') },
});

export const ssoStart = route({
  method: 'get',
  path: '/api/auth/oidc/start',
  summary: 'Begin signing in through the provider: redirects the browser there (PKCE, state and nonce)',
  tags: ['auth'],
  'x-instance-data': false,
  'x-public': true,
  responses: {
    302: {
      description:
        'To the provider; or, when the provider cannot be reached, back to the sign-in page with `?sso_error=SSO_PROVIDER_UNREACHABLE`',
    },
    ...errors({
      404: 'Single sign-on is off (SSO_NOT_CONFIGURED)',
      429: 'Too many sign-ins started from this client (RATE_LIMITED)',
    }),
  },
});

export const ssoCallback = route({
  method: 'get',
  path: '/api/auth/oidc/callback',
  summary:
    "The provider's answer: checked, then signed in (stage `totp` or `enroll` when the provider asserted no second factor and the account needs one) and redirected to the app; a refusal redirects with `sso_error`",
  tags: ['auth'],
  'x-instance-data': false,
  'x-public': true,
  responses: {
    302: { description: 'To the app, signed in or with `?sso_error=` one of SSO_SIGN_IN_ERRORS' },
    ...errors({ 404: 'Single sign-on is off (SSO_NOT_CONFIGURED)' }),
  },
});

export const ssoGroups = route({
  method: 'get',
  path: '/api/sso/groups',
  summary: "The provider's groups and the roles each gives (admin), with the latest changes, newest first",
  tags: ['accounts'],
  'x-instance-data': false,
  responses: {
    200: json(SsoGroupsView, 'Mapping and changes'),
    ...errors({ 401: 'Not signed in (UNAUTHENTICATED)', 403: 'Not an admin (FORBIDDEN)' }),
  },
});

export const ssoStatus = route({
  method: 'get',
  path: '/api/sso/status',
  summary:
    'Single sign-on as this server runs it (admin): whether it is set up, the issuer and other settings (never the secret), and whether the provider answers now',
  tags: ['accounts'],
  'x-instance-data': false,
  responses: {
    200: json(SsoStatus, 'Settings and the provider check; both null when single sign-on is off'),
    ...errors({ 401: 'Not signed in (UNAUTHENTICATED)', 403: 'Not an admin (FORBIDDEN)' }),
  },
});

export const saveSsoGroups = route({
  method: 'put',
  path: '/api/sso/groups',
  summary:
    'Replace the group mapping (admin); every role must exist. Takes effect at each person’s next single sign-on; every change is kept in an append-only trail',
  tags: ['accounts'],
  'x-instance-data': false,
  request: { body: jsonBody(SsoGroupsBody) },
  responses: {
    200: json(SsoGroupsView, 'The new mapping'),
    ...errors({
      400: 'Not a mapping (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not an admin (FORBIDDEN)',
      409: 'Another admin saved the mapping since the change `expectedChange` (CONFLICT)',
      422: 'A role that does not exist (UNKNOWN_ROLE)',
    }),
  },
});
