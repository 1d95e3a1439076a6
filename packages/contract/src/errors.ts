import type { ErrorCode as EngineErrorCode } from '@portalflow/engine';
import { z } from 'zod';
import { FieldProblem } from './field-problems.ts';

/** HTTP statuses an error may carry. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 429 | 500 | 503;

interface ErrorEntry {
  readonly status: ErrorStatus;
  /** The message when the thrower gives none; `{name}` placeholders are filled from `fill()`'s values. */
  readonly message: string;
}

/**
 * Every error code the API answers with, its status and its default message: one catalogue for the
 * server (which throws them), the OpenAPI document and the web (which switches on them). An engine
 * code missing here is a compile error (see `EngineErrors` below), so no engine failure silently
 * becomes a 422.
 */
export const ERRORS = {
  // Request shape
  VALIDATION_FAILED: { status: 400, message: '{field}: {problem}' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json' },
  BODY_TOO_LARGE: { status: 413, message: 'Request bodies are limited to {limit} bytes' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The payload is larger than allowed' },
  CURSOR_INVALID: { status: 400, message: 'The cursor is not one this list returned' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: 'This Idempotency-Key was already used for a different request',
  },
  // Who you are, what you may do
  UNAUTHENTICATED: { status: 401, message: 'Sign in first' },
  LOGIN_FAILED: { status: 401, message: 'Wrong username or password' },
  // Said only to someone who gave the account's right password: to anyone else it is LOGIN_FAILED.
  SIGN_IN_DISABLED: {
    status: 403,
    message: 'This account is disabled. An admin can enable it again.',
  },
  CODE_FAILED: { status: 401, message: 'That code is not valid' },
  CSRF_FAILED: { status: 403, message: 'The request is missing its CSRF token' },
  FORBIDDEN: { status: 403, message: 'Your roles do not allow this' },
  TASK_MOVED: {
    status: 403,
    message: 'This task moved to a role you do not hold. It has left your list.',
  },
  REQUEST_START_FORBIDDEN: { status: 403, message: 'Your roles may not start this workflow' },
  TOTP_REQUIRED: { status: 403, message: 'Enter the code from your authenticator app' },
  TOTP_ENROLLMENT_REQUIRED: { status: 403, message: 'Set up an authenticator app first' },
  TOKEN_READ_ONLY: { status: 403, message: 'This API token may only read' },
  TOKEN_CANNOT_CREATE_TOKENS: { status: 403, message: 'An API token cannot create API tokens' },
  TOKEN_LIFETIME_TOO_LONG: { status: 400, message: 'API tokens live at most {days} days' },
  PASSWORD_TOO_WEAK: { status: 400, message: 'Choose a stronger password' },
  CURRENT_PASSWORD_WRONG: { status: 400, message: 'That is not your current password' },
  PASSWORD_UNCHANGED: { status: 400, message: 'Choose a password different from the current one' },
  PASSWORD_CHANGED_MEANWHILE: {
    status: 409,
    message: 'Your password was changed meanwhile, elsewhere; sign in again with the new one',
  },
  SESSION_REQUIRED: { status: 403, message: 'Do this signed in, not with an API token' },
  TOO_MANY_ATTEMPTS: { status: 429, message: 'Too many attempts; wait and try again' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; slow down' },
  ACCOUNT_DISABLED: { status: 409, message: 'This account is disabled' },
  LAST_ADMIN: { status: 409, message: 'The last active admin cannot lose the admin role' },
  OWN_ACCOUNT: { status: 409, message: 'You cannot disable your own account: another admin can' },
  // Someone active with no role signs in to nothing; a disabled account may keep none.
  ROLE_REQUIRED: {
    status: 409,
    message: 'An active account needs at least one role; to stop someone’s access, disable the account',
  },
  USERNAME_TAKEN: { status: 409, message: 'That username is taken' },
  ALREADY_ENROLLED: { status: 409, message: 'An authenticator is already set up' },
  NO_ENROLLMENT: { status: 409, message: 'Start setting up an authenticator first' },
  NOT_ENROLLED: { status: 409, message: 'No authenticator is set up' },
  // An admin's reset of an account with no authenticator set up (never, or not again since a reset).
  TWO_FACTOR_NOT_SET_UP: {
    status: 409,
    message: 'There is nothing to reset: two-factor sign-in is not set up for this account (yet, or again)',
  },
  NOT_WAITING_FOR_CODE: { status: 409, message: 'No sign-in is waiting for a code' },
  ALREADY_GRANTED: { status: 409, message: 'Emergency access is already granted' },
  // Things
  NOT_FOUND: { status: 404, message: '{what} was not found' },
  CONFLICT: { status: 409, message: 'Someone else changed this first; reload and try again' },
  CLINIC_HOURS_CHANGED: {
    status: 409,
    message: 'Someone saved or applied the clinic hours since you opened them; reload to see them',
  },
  STALE_REVISION: { status: 409, message: 'The draft changed since you opened it; reload first' },
  DEFINITION_EXISTS: { status: 409, message: 'A workflow with this id already exists' },
  DEFINITION_PUBLISHED: {
    status: 409,
    message: 'This workflow has been published: retire it instead of deleting it',
  },
  NOT_PUBLISHED: { status: 409, message: 'This workflow was never published: delete the draft instead' },
  WORKFLOW_RETIRED: { status: 409, message: 'A lead retired this workflow: new requests no longer start it' },
  DEFINITION_ID_INVALID: { status: 400, message: 'Workflow ids are lowercase words joined by dashes' },
  ID_MISMATCH: { status: 422, message: 'The id in the body differs from the one in the path' },
  LINT_ERRORS: { status: 422, message: 'The workflow has errors; fix them before publishing' },
  SAME_VERSION: { status: 422, message: 'Instances are already on that version' },
  MAPPING_INVALID: { status: 422, message: 'The step mapping does not fit the target version' },
  CHANGED_SINCE_REVIEW: { status: 409, message: 'The plan changed since it was reviewed' },
  RUN_IN_PROGRESS: { status: 409, message: 'A migration run is already in progress' },
  HISTORY_LIMIT: { status: 409, message: 'This request has reached its history limit' },
  TASK_CLOSED: { status: 409, message: 'This task is already closed' },
  NOT_ASSIGNED: { status: 409, message: 'This task is not assigned to anyone' },
  NOT_YOURS: { status: 409, message: 'This task is assigned to someone else' },
  NOT_HELD: { status: 409, message: 'The task is no longer held by that person' },
  TASK_DRAFT_NEWER: {
    status: 409,
    message: 'A newer draft of this task was saved (in another tab or window); it is shown now',
  },
  TASK_DRAFT_UNSEEN: {
    status: 409,
    message: 'Answers a colleague typed on this task were not shown when it was finished; they are now',
  },
  TASK_DRAFT_TOO_LARGE: { status: 413, message: 'The draft is longer than {limit} characters' },
  ALREADY_CLAIMED: { status: 409, message: 'Someone else claimed this task first' },
  // A claim decided under a role an admin took away before it was written (the role removal won).
  ROLE_REMOVED: {
    status: 409,
    message: 'You no longer hold this task’s role: an admin changed your roles just now',
  },
  // A lead's reassignment decided while the person could take the task, refused in the write because an
  // admin took the role or disabled the account meanwhile (that change won).
  ASSIGNEE_LOST_ROLE: {
    status: 409,
    message:
      '{person} no longer holds the role {role}: an admin changed their roles just now, so the task stayed where it was. Choose someone who holds the role, or send the task to a pool.',
  },
  ASSIGNEE_DISABLED: {
    status: 409,
    message:
      '{person}’s account was disabled just now, so the task stayed where it was. Choose someone else, or send the task to a pool.',
  },
  REQUEST_UNDER_WAY: {
    status: 409,
    message: 'Someone has already acted on this request: ask a lead to cancel it',
  },
  ALREADY_YOURS: { status: 409, message: 'You already have this task' },
  ASSIGNEE_INVALID: { status: 422, message: 'Assign only to an active person who holds the role' },
  ROLE_UNSTAFFED: {
    status: 422,
    message: 'Nobody active holds the role {role}: work sent there would wait unseen',
  },
  NOT_NOTE_AUTHOR: { status: 403, message: 'Only the person who wrote a note can edit it' },
  NOTE_CHANGED: { status: 409, message: 'This note was edited since you read it; reload first' },
  REQUEST_CLOSED: { status: 409, message: 'This request has ended; its notes can be read but not changed' },
  ATTACHMENT_MISSING: { status: 400, message: 'Choose a file to attach' },
  ATTACHMENT_TOO_LARGE: { status: 413, message: 'Attachments are limited to {limit} bytes' },
  ATTACHMENT_TYPE_UNSUPPORTED: { status: 415, message: 'Attach a PDF, JPEG or PNG file' },
  ATTACHMENT_REMOVED: { status: 409, message: 'This file was already taken off the request' },
  TOO_MANY_FILES: {
    status: 409,
    message: 'This request already holds {limit} files, the most one request can hold; take one off first',
  },
  ATTACHMENT_GONE: { status: 410, message: 'This file was taken off the request' },
  ATTACHMENT_FILE_MISSING: { status: 404, message: 'The file is not on this server' },
  BACKUPS_OFF: { status: 409, message: 'Backups are not set up on this server (PORTALFLOW_BACKUP_DIR)' },
  BACKUP_IN_PROGRESS: { status: 409, message: 'A backup is being taken; wait for it' },
  BACKUP_NOT_FOUND: {
    status: 404,
    message: 'That backup is no longer on the server: older backups are deleted as new ones are kept',
  },
  BACKUP_NOT_FINISHED: {
    status: 409,
    message: 'That backup is still being taken, or failed: there is no whole backup to download',
  },
  CHECKPOINTS_DISABLED: { status: 409, message: 'Audit checkpoints are not configured' },
  CHECKPOINT_REFUSED: { status: 409, message: 'The checkpoint was refused' },
  STAFF_LIST_INVALID: { status: 400, message: 'The staff list is not a CSV this import reads' },
  STAFF_LIST_HAS_ERRORS: { status: 422, message: 'Fix the rows with problems first' },
  CAPTIONS_REQUIRED: { status: 400, message: 'A video needs captions (WebVTT)' },
  CAPTIONS_INVALID: { status: 400, message: 'The captions are not valid WebVTT' },
  VIDEO_MISSING: { status: 400, message: 'Attach a video file' },
  VIDEO_TOO_LARGE: { status: 413, message: 'Videos are limited to {limit} bytes' },
  VIDEO_TYPE_UNSUPPORTED: { status: 415, message: 'Videos must be MP4 or WebM' },
  VIDEO_FILE_MISSING: { status: 404, message: 'The video file is missing' },
  NOT_DEAD: { status: 409, message: 'Only a dead delivery is re-sent' },
  SUBSCRIPTION_REMOVED: { status: 409, message: 'Its webhook subscription was removed' },
  WEBHOOK_ALREADY_SUBSCRIBED: {
    status: 409,
    message: 'This receiver is already subscribed to these events: it would get each of them twice',
  },
  WEBHOOK_ADDRESS_PRIVATE: {
    status: 400,
    message:
      'Webhooks go to public addresses only: {address} is this server or a private network (PORTALFLOW_WEBHOOK_ALLOW_PRIVATE=1 allows it)',
  },
  NO_EMAIL_ADDRESS: { status: 409, message: 'Type an address, or save your own under Email notifications' },
  EMAIL_NOT_CONFIGURED: { status: 409, message: 'No mail server is set up (PORTALFLOW_SMTP_URL)' },
  // Intake from other systems (signed webhooks)
  WEBHOOK_SIGNATURE_INVALID: { status: 401, message: 'No webhook-signature matches a key of this workflow' },
  WEBHOOK_TIMESTAMP_OUT_OF_RANGE: { status: 401, message: 'webhook-timestamp is more than 5 minutes off' },
  INTAKE_INVALID: { status: 422, message: 'The message does not fit the start form: {field}' },
  INTAKE_NOT_DECLARED: {
    status: 422,
    message: 'The workflow maps no webhook or FHIR message onto its start form',
  },
  INTAKE_NOT_CONFIGURED: { status: 503, message: 'Intake keys need PORTALFLOW_INTAKE_KEY_FILE' },
  // The system
  INTERNAL: {
    status: 500,
    message: 'Something went wrong on our side; nothing was changed by this request.',
  },
  STORE_UNAVAILABLE: {
    status: 503,
    message: 'The change could not be saved right now; nothing was changed. Try again shortly.',
  },
  DATABASE_UNREACHABLE: { status: 503, message: 'The database cannot be reached' },
  // Single sign-on
  SSO_NOT_CONFIGURED: { status: 404, message: 'Single sign-on is not set up on this server' },
  SSO_PROVIDER_UNREACHABLE: { status: 503, message: 'The sign-in provider cannot be reached' },
  // The engine's codes (see EngineErrors): a lost race is a conflict, not bad input.
  DEFINITION_HAS_ERRORS: { status: 422, message: 'The workflow has errors' },
  DEFINITION_INVALID: { status: 422, message: 'The workflow does not match the format' },
  EXPRESSION_INVALID: { status: 422, message: 'An expression is not valid' },
  CALENDAR_INVALID: { status: 422, message: 'The calendar is not valid' },
  DURATION_INVALID: { status: 422, message: 'The duration is not valid' },
  EVENT_INVALID: { status: 422, message: 'The event is not valid' },
  FORM_INVALID: { status: 422, message: 'The form is not filled in correctly' },
  UNDECLARED_FIELD: { status: 400, message: 'The step or start form does not declare these fields' },
  FIELD_OWNED: { status: 400, message: 'Another step owns this field' },
  UNKNOWN_OUTCOME: { status: 422, message: 'The step has no such outcome' },
  UNKNOWN_ROLE: { status: 422, message: 'No such role' },
  STEP_AMBIGUOUS: { status: 422, message: 'Name the step: several are active' },
  WRONG_ROLE: { status: 403, message: 'Your roles may not act on this step' },
  NOT_STARTED: { status: 409, message: 'The request has not started' },
  ALREADY_STARTED: { status: 409, message: 'The request has already started' },
  INSTANCE_ENDED: { status: 409, message: 'The request has already ended' },
  STEP_NOT_ACTIVE: { status: 409, message: 'The step has moved on' },
  NOT_ASSIGNEE: { status: 409, message: 'This task is assigned to someone else' },
  SIGNAL_NOT_AWAITED: { status: 409, message: 'Nothing is waiting for this signal' },
  UNKNOWN_TIMER: { status: 409, message: 'No such deadline' },
  TIMER_NOT_DUE: { status: 409, message: 'The deadline is not due yet' },
  TIME_WENT_BACKWARDS: { status: 409, message: 'The clock went backwards' },
  REPLAY_MISMATCH: { status: 409, message: 'The history does not replay to the stored state' },
} as const satisfies Record<string, ErrorEntry>;

export type ApiErrorCode = keyof typeof ERRORS;

/** Compile-time proof that every engine error code has a status here. */
export type EngineErrors = { [C in EngineErrorCode]: (typeof ERRORS)[C] };

export const statusOf = (code: ApiErrorCode): ErrorStatus => ERRORS[code].status;

/** The catalogue message with `{name}` placeholders filled in (unknown ones are left as written). */
export function fill(code: ApiErrorCode, values: Record<string, string | number> = {}): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The body of every error answer. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    /** A refused body or query (VALIDATION_FAILED): each field's problem, for showing next to it. */
    fields: z.array(FieldProblem).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
