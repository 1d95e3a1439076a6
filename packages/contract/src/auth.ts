import { z } from 'zod';
import { ClinicClock } from './clinic-config.ts';
import { Timestamp } from './common.ts';
import { errors, json, jsonBody, optionalJsonBody, route } from './route.ts';

/** A person as sign-in and the directory show them: never passwords, sessions or patient data. */
export const PublicUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
});
export type PublicUser = z.infer<typeof PublicUser>;

/** How far sign-in got: `full`, or still owing a code (`totp`) or an authenticator (`enroll`). */
export const SignInStage = z.enum(['full', 'totp', 'enroll']);
export type SignInStage = z.infer<typeof SignInStage>;

/** A break-glass grant: time-limited read access outside the holder's roles. */
export const EmergencyGrant = z.object({
  id: z.string(),
  userId: z.string(),
  reason: z.string(),
  grantedAt: Timestamp,
  expiresAt: Timestamp,
  endedAt: Timestamp.nullable(),
});
export type EmergencyGrant = z.infer<typeof EmergencyGrant>;

export const LoginBody = z
  .object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) })
  .strict();

/** A six-digit authenticator code (spaces allowed, as apps show them). */
const totpCode = z.string().min(6).max(12);

export const TotpVerifyBody = z
  .object({
    code: totpCode.optional(),
    /** One of the recovery codes shown at enrollment, instead of a code. */
    recoveryCode: z.string().min(10).max(40).optional(),
    /** Ask for no code from this browser for a while (`totpRememberMs`). */
    rememberDevice: z.boolean().optional(),
  })
  .strict()
  .refine(
    (b) => (b.code === undefined) !== (b.recoveryCode === undefined),
    'give either code or recoveryCode',
  );
export type TotpVerifyBody = z.infer<typeof TotpVerifyBody>;

export const TotpSetupBody = z.object({}).strict();
export const TotpConfirmBody = z.object({ code: totpCode, rememberDevice: z.boolean().optional() }).strict();
export type TotpConfirmBody = z.infer<typeof TotpConfirmBody>;

/** A new password: its strength is the password rule's to judge (400 PASSWORD_TOO_WEAK names why). */
export const NewPassword = z.string().max(1000);

/** Redeeming a one-time set-password code at sign-in. */
export const SetPasswordBody = z
  .object({
    username: z.string().min(1).max(64),
    code: z.string().trim().min(8).max(64),
    password: NewPassword,
  })
  .strict();

/** What each sign-in step answers; the session cookie comes with it. */
export const SignInResult = z.object({
  user: PublicUser,
  csrfToken: z.string(),
  stage: SignInStage,
  /** After enrolling: the recovery codes, shown this once. */
  recoveryCodes: z.array(z.string()).optional(),
  /** After a second factor: how many unused recovery codes remain. */
  recoveryCodesLeft: z.number().int().optional(),
});
export type SignInResult = z.infer<typeof SignInResult>;

export const TotpSetup = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TotpSetup = z.infer<typeof TotpSetup>;

export const Me = z.object({
  user: PublicUser,
  via: z.enum(['session', 'token']),
  csrfToken: z.string().nullable(),
  stage: SignInStage,
  twoFactor: z.object({
    enrolled: z.boolean(),
    required: z.boolean(),
    recoveryCodesLeft: z.number().int(),
    /** When an admin reset it, while it is not set up again since (null otherwise, e.g. a first setup). */
    resetAt: Timestamp.nullable(),
  }),
  emergency: EmergencyGrant.nullable(),
  /**
   * The clinic's time zone and clock, for the times shown before its configuration may be read (the
   * two-factor setup page says when an admin reset it); `GET /api/config` waits for a full sign-in.
   */
  clinicTime: z.object({ timeZone: z.string(), clock: ClinicClock }),
});
export type Me = z.infer<typeof Me>;

const tags = ['auth'];
const throttled = 'Too many failed attempts (TOO_MANY_ATTEMPTS); `Retry-After` says when to try again';

export const login = route({
  method: 'post',
  path: '/api/auth/login',
  summary:
    'Sign in with username and password; sets the session cookie. `stage` says what is still needed: nothing (`full`), a code (`totp`) or enrolling an authenticator (`enroll`)',
  tags,
  'x-instance-data': false,
  'x-public': true,
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: json(SignInResult, 'Signed in (see stage)'),
    ...errors({
      400: 'Invalid body (VALIDATION_FAILED)',
      401: 'Wrong username or password (LOGIN_FAILED)',
      429: throttled,
    }),
  },
});

export const verifyTotp = route({
  method: 'post',
  path: '/api/auth/totp/verify',
  summary: 'Second sign-in step: a code from the authenticator app, or one unused recovery code',
  tags,
  'x-instance-data': false,
  request: { body: jsonBody(TotpVerifyBody) },
  responses: {
    200: json(SignInResult, 'Signed in; a new session cookie'),
    ...errors({
      400: 'Invalid body (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED), or a wrong or reused code (CODE_FAILED)',
      409: 'This session is not waiting for a code (NOT_WAITING_FOR_CODE, NOT_ENROLLED)',
      429: throttled,
    }),
  },
});

export const setupTotp = route({
  method: 'post',
  path: '/api/auth/totp/setup',
  summary:
    'Start enrolling an authenticator app: a new secret and its otpauth:// URI, shown this once (a new call replaces them)',
  tags,
  'x-instance-data': false,
  request: { body: optionalJsonBody(TotpSetupBody) },
  responses: {
    200: json(TotpSetup, 'Secret and URI'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not from a signed-in browser (FORBIDDEN)',
      409: 'Already enrolled (ALREADY_ENROLLED)',
    }),
  },
});

export const confirmTotp = route({
  method: 'post',
  path: '/api/auth/totp/confirm',
  summary:
    'Finish enrolling with a first code; returns recovery codes (shown this once) and a fully signed-in session',
  tags,
  'x-instance-data': false,
  request: { body: jsonBody(TotpConfirmBody) },
  responses: {
    200: json(SignInResult, 'Enrolled'),
    ...errors({
      400: 'Invalid body (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED), or a wrong code (CODE_FAILED)',
      403: 'Not from a signed-in browser (FORBIDDEN)',
      409: 'No enrollment started (NO_ENROLLMENT)',
      429: throttled,
    }),
  },
});

export const logout = route({
  method: 'post',
  path: '/api/auth/logout',
  summary:
    "Sign out; the session is revoked on the server. For an account that signs in through the provider, `providerLogoutUrl` (when the provider offers RP-initiated logout) ends the provider's session too",
  tags,
  'x-instance-data': false,
  responses: {
    200: json(z.object({ ok: z.literal(true), providerLogoutUrl: z.string().nullable() }), 'Signed out'),
    ...errors({ 401: 'Not signed in (UNAUTHENTICATED)' }),
  },
});

export const setPassword = route({
  method: 'post',
  path: '/api/auth/set-password',
  summary:
    'Choose a new password with a one-time code (from an admin, or an emailed link); the code works once and expires. Then sign in',
  tags,
  'x-instance-data': false,
  'x-public': true,
  request: { body: jsonBody(SetPasswordBody) },
  responses: {
    200: json(z.object({ ok: z.literal(true), username: z.string() }), 'Password set; sign in with it'),
    ...errors({
      400: 'Invalid body, or the password is too weak (VALIDATION_FAILED, PASSWORD_TOO_WEAK)',
      401: 'Unknown, used or expired code, or not this username (CODE_FAILED)',
      429: throttled,
    }),
  },
});

/** A forgotten password: the username or work email address, as the person types it. */
export const ForgotPasswordBody = z.object({ who: z.string().trim().min(1).max(254) }).strict();

/** The one answer to every forgotten-password request, whether or not such an account exists. */
export const FORGOT_PASSWORD_ANSWER =
  'If that is the username or work email address of an account with an email address, a link to choose a new password is on its way there. It works once and expires. No email? Ask an admin.';

export const forgotPassword = route({
  method: 'post',
  path: '/api/auth/forgot-password',
  summary:
    'Forgot your password: a link to choose a new one is emailed to the account’s work address. The answer is the same whether or not the account exists',
  tags,
  'x-instance-data': false,
  'x-public': true,
  request: { body: jsonBody(ForgotPasswordBody) },
  responses: {
    202: json(z.object({ message: z.string() }), 'Taken (the same words for every account, and for none)'),
    ...errors({
      400: 'Invalid body (VALIDATION_FAILED)',
      429: 'Too many requests from this address (TOO_MANY_ATTEMPTS); `Retry-After` says when to try again',
    }),
  },
});

/** Whether this browser is signed in: who (as `GET /api/me` answers it), or null for no one. */
export const Session = z.object({ me: Me.nullable() });
export type Session = z.infer<typeof Session>;

/**
 * The app's first question on every load. Not being signed in is an answer here (`me: null`), not a
 * 401, so the sign-in page logs no failed request; every other route still refuses a caller it does
 * not know.
 */
export const session = route({
  method: 'get',
  path: '/api/session',
  summary: 'Whether this browser is signed in, and as whom (me: null when nobody is; never a 401)',
  tags,
  'x-instance-data': false,
  'x-public': true,
  responses: { 200: json(Session, 'Who is signed in on this browser, or null') },
});

export const me = route({
  method: 'get',
  path: '/api/me',
  summary:
    'The signed-in user, their roles, CSRF token, sign-in stage, two-factor status and break-glass grant',
  tags,
  'x-instance-data': false,
  responses: {
    200: json(Me, 'Who is signed in'),
    ...errors({ 401: 'Not signed in (UNAUTHENTICATED)' }),
  },
});
