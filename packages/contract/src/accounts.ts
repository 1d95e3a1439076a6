import { z } from 'zod';
import { NewPassword, PublicUser, SignInStage } from './auth.ts';
import { Id, IdParams, Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/** An account as admins see it: never its password. */
export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  createdAt: Timestamp,
  roles: z.array(z.string()),
});
export type UserView = z.infer<typeof UserView>;

/** An admin's reset of an account's two-factor sign-in that the person has not set up again since. */
export const TwoFactorReset = z.object({
  at: Timestamp,
  /** The admin who reset it (null when no person did). */
  byName: z.string().nullable(),
});
export type TwoFactorReset = z.infer<typeof TwoFactorReset>;

/** A work email address: where invitations, password resets and notifications go. */
export const WorkEmail = z.email().max(254);

/**
 * The newest invitation emailed to an account: where and when it went, until when its link works, or
 * why the mail server did not take it (a code, then a sentence).
 */
export const InvitationView = z.object({
  to: z.string(),
  at: Timestamp,
  /** When the emailed link stops working; null when it was not sent. */
  expiresAt: Timestamp.nullable(),
  /** Why it was not sent, e.g. `SMTP_UNREACHABLE: …`; null when the mail server took it. */
  error: z.string().nullable(),
});
export type InvitationView = z.infer<typeof InvitationView>;

/** An account in the admin list: with its last sign-in and whether it has a confirmed authenticator. */
export const AccountView = UserView.extend({
  /** The work email address (the one the person sees under their email preferences). */
  email: z.string().nullable(),
  /** The newest emailed invitation, while the person has not set a password with it. */
  invitation: InvitationView.nullable(),
  lastSignInAt: Timestamp.nullable(),
  twoFactor: z.boolean(),
  /** Set while two-factor sign-in waits for the person to set it up again after an admin reset it. */
  twoFactorReset: TwoFactorReset.nullable(),
});
export type AccountView = z.infer<typeof AccountView>;

/** A session as an admin sees it: never its secret. */
export const SessionView = z.object({
  id: z.string(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
  stage: SignInStage,
  clientHint: z.string().nullable(),
  /** The session of the admin looking. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

/** One change to an account, old → new, with the names of who did it and whose account it is. */
export const AccountChangeView = z.object({
  id: z.number().int(),
  at: Timestamp,
  actorId: z.string().nullable(),
  userId: z.string(),
  what: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  actorName: z.string().nullable(),
  userName: z.string(),
});
export type AccountChangeView = z.infer<typeof AccountChangeView>;

/** One row of a staff list as the import reads it. */
export const ImportRow = z.object({
  /** 1-based line in the file (the header is line 1). */
  line: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  action: z.enum(['create', 'update', 'unchanged', 'error']),
  /** Why the row cannot be applied (action `error`). */
  errors: z.array(z.string()),
  /** For `update`: the account's current name and roles. */
  current: z.object({ displayName: z.string(), roles: z.array(z.string()) }).optional(),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportCounts = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
});

/** A one-time set-password code of an account the import created, shown once. */
export const IssuedCode = z.object({
  username: z.string(),
  displayName: z.string(),
  setPasswordCode: z.string(),
  expiresAt: Timestamp,
});
export type IssuedCode = z.infer<typeof IssuedCode>;

/** A person's full name as lists and histories show it: trimmed, never only spaces. */
const FullName = z
  .string()
  .trim()
  .min(1, 'type a name, not only spaces')
  .max(200)
  .meta({ title: 'Full name' });

/** What a new username may be, in words: the form's hint and its error say exactly what `Username` checks. */
export const USERNAME_RULE =
  '2 to 64 lowercase letters, digits, dots (.), underscores (_) and dashes (-), starting with a letter or digit';
export const Username = z
  .string()
  .min(2, USERNAME_RULE)
  .max(64, USERNAME_RULE)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, USERNAME_RULE);

/**
 * One way in for the person: an initial password, `setPasswordCode: true` for a one-time code (shown
 * to the admin) the person redeems on the sign-in page, or `sendInvitation: true` to email them a link
 * with that code (to `email`, which it needs).
 */
export const CreateUserBody = z
  .object({
    username: Username,
    password: NewPassword.optional(),
    setPasswordCode: z.literal(true).optional(),
    sendInvitation: z.literal(true).optional(),
    email: WorkEmail.optional(),
    displayName: FullName.optional(),
    roles: z.array(z.string().min(1).max(80)).max(50),
  })
  .strict()
  .refine(
    (b) => [b.password, b.setPasswordCode, b.sendInvitation].filter((v) => v !== undefined).length === 1,
    {
      message: 'give one of an initial password, setPasswordCode: true or sendInvitation: true',
      path: ['password'],
    },
  )
  .refine((b) => b.sendInvitation === undefined || b.email !== undefined, {
    message: 'an invitation is emailed: give the work email address',
    path: ['email'],
  });
export type CreateUserBody = z.input<typeof CreateUserBody>;

export const PatchUserBody = z
  .object({
    displayName: FullName.optional(),
    password: NewPassword.optional(),
    roles: z.array(z.string().min(1).max(80)).max(50).optional(),
    disabled: z.boolean().optional(),
    /** Forget the account's authenticator and recovery codes (a lost phone): it enrolls again. */
    resetTwoFactor: z.literal(true).optional(),
    /** The work email address; null removes it. Only signed in, never with an API token. */
    email: WorkEmail.nullable().optional(),
    /**
     * The roles the admin's screen showed when they chose new ones: when another admin changed them
     * since, the save is refused (409 CONFLICT) instead of undoing that change unseen.
     */
    expectedRoles: z
      .array(z.string().min(1).max(80))
      .max(50)
      .meta({ title: 'Roles as you last saw them' })
      .optional(),
  })
  .strict();
export type PatchUserBody = z.input<typeof PatchUserBody>;

/** A staff list: CSV text with the columns username, display name, roles (`;`-separated role ids). */
export const StaffListBody = z.object({ csv: z.string().min(1, 'the file is empty').max(512_000) }).strict();

/**
 * Applying a staff list: the file, and the roles each listed person had in the preview the admin applies
 * from (by username). A person whose roles another admin changed since is left as they are, that row
 * refused in words, instead of the list undoing that change unseen; the other rows are applied.
 */
export const ApplyStaffListBody = StaffListBody.extend({
  seenRoles: z.record(z.string().max(64), z.array(z.string().min(1).max(80)).max(50)).optional(),
}).strict();
export type ApplyStaffListBody = z.infer<typeof ApplyStaffListBody>;

/** The most account changes one read gives: a CSV without `limit` gives this many, the screen 200. */
export const ACCOUNT_CHANGES_MOST = 5000;
export const AccountChangesQuery = z
  .object({
    userId: z.string().min(1).max(80).optional(),
    limit: z.coerce.number().int().min(1).max(ACCOUNT_CHANGES_MOST).optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict();

const tags = ['accounts'];
const notAdmin = 'Not an admin (FORBIDDEN)';
const signedOut = 'Not signed in (UNAUTHENTICATED)';
const UserSessionParams = z.object({ id: Id, sessionId: z.string().min(1).max(200) });

export const listUsers = route({
  method: 'get',
  path: '/api/users',
  summary: 'Accounts with roles, status, last sign-in and whether two-factor sign-in is set up (admin)',
  tags,
  'x-instance-data': false,
  responses: {
    200: json(z.object({ users: z.array(AccountView) }), 'Accounts'),
    ...errors({ 401: signedOut, 403: notAdmin }),
  },
});

export const createUser = route({
  method: 'post',
  path: '/api/users',
  summary:
    'Create an account (admin) with an initial password, or with `setPasswordCode: true` for a one-time code (shown once) the person redeems on the sign-in page',
  tags,
  'x-instance-data': false,
  request: { body: jsonBody(CreateUserBody) },
  responses: {
    201: json(
      z.object({
        user: UserView,
        setPasswordCode: z.string().optional(),
        setPasswordCodeExpiresAt: Timestamp.optional(),
        /** With `sendInvitation`: where and when it went, or why the mail server did not take it. */
        invitation: InvitationView.optional(),
      }),
      'Created (with `setPasswordCode` and its expiry, or the emailed invitation, when asked for)',
    ),
    ...errors({
      400: 'Invalid input, or the password is too weak (VALIDATION_FAILED, PASSWORD_TOO_WEAK)',
      401: signedOut,
      403: 'Not an admin (FORBIDDEN), or an address given with an API token (SESSION_REQUIRED)',
      409: 'Username taken (USERNAME_TAKEN), no role given (ROLE_REQUIRED), or an invitation asked for while email is not set up (EMAIL_NOT_CONFIGURED)',
      422: 'A role not in the catalog (UNKNOWN_ROLE)',
    }),
  },
});

export const patchUser = route({
  method: 'patch',
  path: '/api/users/{id}',
  summary:
    'Change name, work email address, password, roles, disable, or reset two-factor sign-in (admin). Disabling ends their sessions and live updates at once and returns every open task they hold to its pool',
  tags,
  'x-instance-data': false,
  request: { params: IdParams, body: jsonBody(PatchUserBody) },
  responses: {
    200: json(
      z.object({
        user: UserView,
        /** Open tasks the account held that went back to their pools (only a disable returns any). */
        tasksReturned: z.number().int().min(0),
      }),
      'Updated',
    ),
    ...errors({
      400: 'Invalid input, or the password is too weak (VALIDATION_FAILED, PASSWORD_TOO_WEAK)',
      401: signedOut,
      403: 'Not an admin (FORBIDDEN), or the email address changed with an API token (SESSION_REQUIRED)',
      404: 'No such account (NOT_FOUND)',
      409: 'The last active admin would be disabled or lose the admin role (LAST_ADMIN), an admin would disable their own account (OWN_ACCOUNT), an active account would be left with no role (ROLE_REQUIRED: disable it instead), two-factor sign-in is reset while it is not set up (TWO_FACTOR_NOT_SET_UP: never, or not again since the last reset), or another admin changed the roles since `expectedRoles` (CONFLICT)',
      422: 'A role not in the catalog (UNKNOWN_ROLE)',
    }),
  },
});

export const heldTaskCount = route({
  method: 'get',
  path: '/api/users/{id}/held-tasks',
  summary:
    'How many open tasks an account holds (admin), in all and per role: what goes back to the pools if it is disabled, or if a role is taken from it. Counts only',
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(
      z.object({
        open: z.number().int().min(0),
        /** Open tasks held per role id (roles with none are left out). */
        byRole: z.record(z.string(), z.number().int().min(1)),
      }),
      'Open tasks held',
    ),
    ...errors({ 401: signedOut, 403: notAdmin, 404: 'No such account (NOT_FOUND)' }),
  },
});

/**
 * A colleague in the directory. Disabled accounts stay listed, marked, so histories, notes and lists
 * still name who did what; nobody hands work to them.
 */
export const Colleague = PublicUser.extend({ disabled: z.boolean() });
export type Colleague = z.infer<typeof Colleague>;

export const listPeople = route({
  method: 'get',
  path: '/api/people',
  summary: 'Colleagues: id, name and roles of every account, disabled ones marked',
  tags,
  'x-instance-data': false,
  responses: {
    200: json(z.object({ people: z.array(Colleague) }), 'Accounts, active and disabled'),
    ...errors({ 401: signedOut }),
  },
});

export const issueSetPasswordCode = route({
  method: 'post',
  path: '/api/users/{id}/set-password-code',
  summary:
    'Reset a password (admin): a one-time code, shown this once, that the person redeems on the sign-in page to choose a new password; it expires and replaces any earlier unused code',
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    201: json(z.object({ setPasswordCode: z.string(), expiresAt: Timestamp }), 'Code and expiry'),
    ...errors({
      401: signedOut,
      403: notAdmin,
      404: 'No such account (NOT_FOUND)',
      409: 'Account disabled (ACCOUNT_DISABLED)',
    }),
  },
});

export const sendInvitation = route({
  method: 'post',
  path: '/api/users/{id}/invitation',
  summary:
    'Email the person a new invitation (admin): a link with a one-time set-password code that expires; it replaces any earlier unused code. The email says nothing of the clinic’s patients',
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(
      z.object({ invitation: InvitationView }),
      'Tried: where and when it went, or why the mail server did not take it (`error`)',
    ),
    ...errors({
      401: signedOut,
      403: notAdmin,
      404: 'No such account (NOT_FOUND)',
      409: 'Account disabled (ACCOUNT_DISABLED), no work email address (NO_EMAIL_ADDRESS), or email not set up (EMAIL_NOT_CONFIGURED)',
    }),
  },
});

export const sendPasswordResetEmail = route({
  method: 'post',
  path: '/api/users/{id}/password-reset-email',
  summary:
    'Email the person a password reset link (admin), as "Forgot your password" on the sign-in page does: a one-time code that works for one hour, replaces any earlier unused code, and when used ends the person’s other sessions and API tokens. The account change trail records which admin sent it',
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(
      z.object({ passwordReset: InvitationView }),
      'Tried: where and when it went and until when its link works, or why the mail server did not take it (`error`)',
    ),
    ...errors({
      401: signedOut,
      403: notAdmin,
      404: 'No such account (NOT_FOUND)',
      409: 'Account disabled (ACCOUNT_DISABLED), no work email address (NO_EMAIL_ADDRESS), or email not set up (EMAIL_NOT_CONFIGURED)',
    }),
  },
});

export const listUserSessions = route({
  method: 'get',
  path: '/api/users/{id}/sessions',
  summary: "An account's active sessions (admin): created, last seen, client hint; never their secrets",
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ sessions: z.array(SessionView) }), 'Sessions'),
    ...errors({ 401: signedOut, 403: notAdmin, 404: 'No such account (NOT_FOUND)' }),
  },
});

export const endUserSession = route({
  method: 'delete',
  path: '/api/users/{id}/sessions/{sessionId}',
  summary: "End one of an account's sessions (admin); that browser is signed out at its next request",
  tags,
  'x-instance-data': false,
  request: { params: UserSessionParams },
  responses: {
    200: json(z.object({ ended: z.literal(1) }), 'Ended'),
    ...errors({
      401: signedOut,
      403: notAdmin,
      404: 'No such active session of that account (NOT_FOUND)',
    }),
  },
});

export const endUserSessions = route({
  method: 'delete',
  path: '/api/users/{id}/sessions',
  summary: 'End every session of an account (admin); its API tokens are kept (revoke them separately)',
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ ended: z.number().int() }), 'How many ended'),
    ...errors({ 401: signedOut, 403: notAdmin, 404: 'No such account (NOT_FOUND)' }),
  },
});

export const previewStaffList = route({
  method: 'post',
  path: '/api/users/import/preview',
  summary:
    'Preview a staff list (admin): CSV with username, display name, roles (`;`-separated); each row as create, update, unchanged or error. Writes nothing',
  tags,
  'x-instance-data': false,
  request: { body: jsonBody(StaffListBody) },
  responses: {
    200: json(z.object({ rows: z.array(ImportRow), counts: ImportCounts }), 'Rows and counts'),
    ...errors({
      400: 'Not a staff list (STAFF_LIST_INVALID, VALIDATION_FAILED)',
      401: signedOut,
      403: notAdmin,
    }),
  },
});

export const applyStaffList = route({
  method: 'post',
  path: '/api/users/import',
  summary:
    'Apply a staff list (admin): only when its preview has no error rows; creates and updates accounts (a row whose person had other roles than `seenRoles` says is refused, the rest applied), and returns each new account a one-time set-password code (shown once)',
  tags,
  'x-instance-data': false,
  request: { body: jsonBody(ApplyStaffListBody) },
  responses: {
    200: json(
      z.object({ rows: z.array(ImportRow.extend({ outcome: z.string() })), codes: z.array(IssuedCode) }),
      'Applied: rows, and codes of created accounts',
    ),
    ...errors({
      400: 'Not a staff list (STAFF_LIST_INVALID, VALIDATION_FAILED)',
      401: signedOut,
      403: notAdmin,
      422: 'Rows with errors (STAFF_LIST_HAS_ERRORS); nothing was written',
    }),
  },
});

export const listAccountChanges = route({
  method: 'get',
  path: '/api/account-changes',
  summary:
    'Every change to accounts, newest first: who, when, what, old → new (admins and auditors); `format=csv` downloads it',
  tags,
  'x-instance-data': false,
  request: { query: AccountChangesQuery },
  responses: {
    200: {
      description:
        'Changes, newest first, as JSON (200 unless `limit` says) or (with `format=csv`) a CSV file of up to 5,000 named by the moment the server read them (`account-changes-as-of-<UTC time>.csv`)',
      content: {
        'application/json': { schema: z.object({ changes: z.array(AccountChangeView) }) },
        'text/csv': { schema: z.string() },
      },
    },
    ...errors({
      400: 'Invalid query (VALIDATION_FAILED)',
      401: signedOut,
      403: 'Neither admin nor auditor (FORBIDDEN)',
    }),
  },
});
