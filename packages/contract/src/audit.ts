import { z } from 'zod';
import { AttachmentView } from './attachments.ts';
import { Id, IdParams, InstanceData, Page, Timestamp } from './common.ts';
import { InstanceView } from './instances.ts';
import { NoteEdit, NoteView } from './notes.ts';
import { errors, json, jsonBody, route } from './route.ts';

/** One stored event: the hash-chained history's unit. */
export const AuditEvent = z.object({
  instanceId: z.string(),
  seq: z.number().int(),
  at: Timestamp,
  actor: z.string().nullable(),
  role: z.string().nullable(),
  type: z.string(),
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** One row of the timeline: who, in which role, when, what, and the old → new values it changed. */
export const TimelineEntry = z.object({
  seq: z.number().int(),
  at: Timestamp,
  actor: z.string().nullable(),
  role: z.string().nullable(),
  type: z.string(),
  summary: z.string(),
  changes: z.array(
    z.object({
      field: z.string(),
      task: z.string().optional(),
      step: z.string().optional(),
      /** The step's title in the version the event applied to (screens show this, never the id). */
      stepTitle: z.string().optional(),
      /**
       * The old and new value. A form field's (`data.…`) are left out unless the history was asked for
       * with its values: the field's name says what changed, its values are patient data.
       */
      from: z.unknown().optional(),
      to: z.unknown().optional(),
    }),
  ),
  steps: z.array(z.string()),
  hash: z.string(),
  /**
   * Why, when the event says: a reassignment's reason. Without values, only a reason the server wrote
   * itself (a task back in its pool because its holder was disabled); a person's words are `reasonHidden`.
   */
  reason: z.string().optional(),
  /**
   * The event gave a reason in someone's words (a reassignment's, a cancellation's), left out of a
   * history read without its values: what staff write about a request may name the patient.
   */
  reasonHidden: z.literal(true).optional(),
  /** Set on the event the history no longer replays past (it was altered, or does not fit its version). */
  replayError: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

const ChainFault = z.enum([
  'hash-mismatch',
  'broken-link',
  'sequence-gap',
  'wrong-instance',
  'head-mismatch',
  'not-found',
]);
export const ChainFailure = z.object({
  ok: z.literal(false),
  instanceId: z.string(),
  seq: z.number().int(),
  fault: ChainFault,
  reason: z.string(),
});
/** One history's check: intact with its length and head, or the first fault found. */
export const ChainCheck = z.union([
  z.object({ ok: z.literal(true), count: z.number().int(), lastHash: z.string() }),
  ChainFailure,
]);
export type VerifyResult = z.infer<typeof ChainCheck>;
export const ChainReport = z.object({
  ok: z.boolean(),
  instances: z.number().int(),
  events: z.number().int(),
  failures: z.array(ChainFailure),
});

/** An instance as a history shows it: its `data` only when the values were asked for. */
export const HistoryInstanceView = InstanceView.extend({ data: InstanceData.optional() });
export type HistoryInstanceView = z.infer<typeof HistoryInstanceView>;

/** `values=true`: the history with its field values, a read of patient data the access log records as such. */
const WithValues = z.object({ values: z.enum(['true', 'false']).optional() });

/**
 * A note in a history read without its values: its kind, step, author and time, and when each edit was
 * made, never its words (`body`, an edit's `from` and `to`).
 */
export const HistoryNote = NoteView.extend({
  body: z.string().optional(),
  edits: z.array(NoteEdit.extend({ from: z.string().optional(), to: z.string().optional() })),
});
export type HistoryNote = z.infer<typeof HistoryNote>;

/**
 * A file in a history read without its values: its kind, size, hash, step, who attached it and who took
 * it off, when; never its name nor why it came off (names and reasons may name the patient).
 */
export const HistoryAttachment = AttachmentView.extend({
  name: z.string().optional(),
  removed: z.object({ at: Timestamp, by: z.string(), reason: z.string().optional() }).nullable(),
});
export type HistoryAttachment = z.infer<typeof HistoryAttachment>;

const HistoryParts = {
  instance: HistoryInstanceView,
  timeline: z.array(TimelineEntry),
};

export const HistoryAnswer = z.discriminatedUnion('values', [
  z.object({
    /** The field values and staff's words are in this answer: a read of patient data. */
    values: z.literal(true),
    ...HistoryParts,
    events: z.array(AuditEvent),
    /** The request's notes, each edit old → new; the timeline screen places them by time. */
    notes: z.array(NoteView),
    /** Files attached to the request, removed ones with who removed them and why (names, never bytes). */
    attachments: z.array(AttachmentView),
  }),
  z.object({
    /**
     * Without values: the timeline names the fields each event changed, not what they held; a reason
     * given is marked (`reasonHidden`), not said; notes and files come without their words and names.
     */
    values: z.literal(false),
    ...HistoryParts,
    /** Each event's payload lacks the data, note and reason it carried (its hash is over them). */
    events: z.array(AuditEvent),
    notes: z.array(HistoryNote),
    attachments: z.array(HistoryAttachment),
  }),
]);
export type HistoryResponse = z.infer<typeof HistoryAnswer>;

/** The state at event `at` (no `instance` when there is nothing to replay). */
export const ReplayAnswer = z.object({
  at: z.number().int(),
  of: z.number().int().optional(),
  snapshot: z.null().optional(),
  active: z.array(z.unknown()).max(0).optional(),
  instance: HistoryInstanceView.optional(),
});
export type ReplayResponse = z.infer<typeof ReplayAnswer>;

/** The request an export is about, in the words a compliance officer reads (codes beside them). */
export const ExportRequest = z.object({
  /** The list's subject line for the request, when its workflow has one. */
  subject: z.string().nullable(),
  /** The patient's chart number, when the request names one. */
  patientReference: z.string().nullable(),
  workflow: z.string(),
  version: z.number().int(),
  status: z.enum(['active', 'done', 'cancelled']),
  statusWords: z.string(),
  end: z.object({ step: z.string(), outcome: z.string().optional() }).nullable(),
  /** How it ended (“Ended at “Authorized” with outcome Approved”), or that it is still open. */
  ended: z.string(),
  startedAt: Timestamp,
  /** When it ended (its last change); null while it is open. */
  endedAt: Timestamp.nullable(),
  /** The clinic's time zone every `when` is in. */
  timeZone: z.string(),
  /** The hash chain's check, in words. */
  chain: z.string(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

/** One row of an export: an event, note or file (or the end), in words first, the codes and ids after. */
export const ExportRow = z.object({
  /** Clinic time, 12-hour, month first (`12/07/2026 9:05:00 AM MST`). */
  when: z.string(),
  /** The same instant as ISO 8601 with the clinic's offset. */
  at: z.string(),
  who: z.string(),
  role: z.string(),
  what: z.string(),
  step: z.string(),
  changes: z.string(),
  /** The workflow version the request was on then (a migration moves it). */
  version: z.number().int(),
  seq: z.number().int().nullable(),
  hash: z.string(),
  personId: z.string().nullable(),
  roleId: z.string().nullable(),
  event: z.string(),
});
export type ExportRow = z.infer<typeof ExportRow>;

/** The state after each event, in order (`states[0]` after the first): a replay asked for once. */
export const ReplayStatesAnswer = z.object({
  of: z.number().int(),
  states: z.array(HistoryInstanceView),
});
export type ReplayStatesResponse = z.infer<typeof ReplayStatesAnswer>;

export const HistoryExport = z.object({
  instance: z.object({
    id: z.string(),
    definitionId: z.string(),
    version: z.number().int(),
    practice: z.literal(true).optional(),
  }),
  /**
   * Whether the patient's details are in it. Without them (`values=false`) the request has no subject,
   * the events, timeline, notes and files come as a history read without values does, and each row names
   * the fields changed, not what they held.
   */
  values: z.boolean(),
  request: ExportRequest,
  rows: z.array(ExportRow),
  events: z.array(AuditEvent),
  timeline: z.array(TimelineEntry),
  notes: z.array(HistoryNote),
  attachments: z.array(HistoryAttachment),
  verify: ChainCheck,
});

export const VerifyAnswer = z.object({ instanceId: z.string(), result: ChainCheck });
export type VerifyResponse = z.infer<typeof VerifyAnswer>;

export const ACCESS_CATEGORIES = [
  'phi',
  'task-list',
  'instance-list',
  'history',
  'definition',
  'account',
  'access-log',
  'tracking',
  'emergency-access',
  'authentication',
  'backup',
] as const;
export type AccessCategory = (typeof ACCESS_CATEGORIES)[number];

/** One access-log row, in the words of the workflow (its title and, for a task opened, the step's). */
export const AccessRow = z.object({
  id: z.number().int(),
  at: Timestamp,
  userId: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  instanceId: z.string().nullable(),
  dataCategory: z.string().nullable(),
  outcome: z.enum(['allow', 'deny']),
  detail: z.string().nullable(),
  emergencyAccessId: z.string().nullable(),
  /** The reason given for that grant. */
  emergencyReason: z.string().nullable(),
  workflowTitle: z.string().nullable(),
  /**
   * The chart number the request is filed under (e.g. DEMO-1001), never its subject or a name; given to
   * auditors (who may read every request), null for an admin.
   */
  reference: z.string().nullable(),
  stepTitle: z.string().nullable(),
  /**
   * When this row stands for more than one read (a report asked with `repeats=fold`): how many, the
   * first and the last (`at` is the last's). The other reads are stored as rows of their own.
   */
  repeats: z.object({ count: z.number().int().min(2), firstAt: Timestamp, lastAt: Timestamp }).optional(),
});
export type AccessRow = z.infer<typeof AccessRow>;

export const Checkpoint = z.object({
  seq: z.number().int(),
  createdAt: Timestamp,
  instances: z.number().int(),
  events: z.number().int(),
  headsDigest: z.string(),
  previous: z.string().nullable(),
  keyId: z.string(),
  file: z.string(),
});

const signedIn = { 401: 'Not signed in (UNAUTHENTICATED)' } as const;
const history = {
  ...signedIn,
  403: 'You have no task in this instance (FORBIDDEN)',
  404: 'No such instance (NOT_FOUND)',
} as const;
const auditorsOnly = { ...signedIn, 403: 'Auditors and admins only (FORBIDDEN)' } as const;

export const instanceHistory = route({
  method: 'get',
  path: '/api/instances/{id}/history',
  summary:
    'The event history as a timeline naming the fields each event changed (their old → new values with `values=true`), and the request’s notes',
  tags: ['audit'],
  'x-instance-data': true,
  request: { params: IdParams, query: WithValues.strict() },
  responses: { 200: json(HistoryAnswer, 'The history'), ...errors(history) },
});

export const replayInstance = route({
  method: 'get',
  path: '/api/instances/{id}/replay',
  summary: 'The instance state replayed up to event `at` (its data with `values=true`)',
  tags: ['audit'],
  'x-instance-data': true,
  request: {
    params: IdParams,
    query: WithValues.extend({ at: z.coerce.number().int().min(0).optional() }).strict(),
  },
  responses: { 200: json(ReplayAnswer, 'The state then'), ...errors(history) },
});

export const replayStates = route({
  method: 'get',
  path: '/api/instances/{id}/states',
  summary:
    'The instance state after each of its events, for a replay stepped through without asking again (their data with `values=true`)',
  tags: ['audit'],
  'x-instance-data': true,
  request: { params: IdParams, query: WithValues.strict() },
  responses: { 200: json(ReplayStatesAnswer, 'The state after each event'), ...errors(history) },
});

export const exportHistory = route({
  method: 'get',
  path: '/api/instances/{id}/export',
  summary: 'Export the history (JSON or CSV), with the patient’s details or without them',
  tags: ['audit'],
  'x-instance-data': true,
  request: {
    params: IdParams,
    query: z
      .object({
        format: z.enum(['json', 'csv']).default('json'),
        /**
         * `false`: who did what and when, without the patient's details (field values, staff's words,
         * file names, the subject), for someone who needs no more; logged as a read of the history.
         * Otherwise every value, logged as a read of patient data.
         */
        values: z.enum(['true', 'false']).optional(),
      })
      .strict(),
  },
  responses: {
    200: {
      description: 'The history as a download',
      content: { 'application/json': { schema: HistoryExport }, 'text/csv': { schema: z.string() } },
    },
    ...errors(history),
  },
});

export const verifyHistories = route({
  method: 'get',
  path: '/api/audit/verify',
  summary: 'Verify the hash chains (all, or one instance)',
  tags: ['audit'],
  'x-instance-data': true,
  request: { query: z.object({ instanceId: Id.optional() }).strict() },
  responses: {
    200: json(z.union([VerifyAnswer, ChainReport]), 'One instance’s check, or the report over all'),
    ...errors({ ...history, 403: 'Not allowed to verify this (FORBIDDEN)' }),
  },
});

/** The access log's filters: the address of `GET /api/audit/access-log`, the body of its search. */
const AccessLogFilter = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  userId: Id.optional(),
  instanceId: Id.optional(),
  outcome: z.enum(['allow', 'deny']).optional(),
  practice: z.enum(['true', 'false']).optional(),
  /** Only accesses made under break-glass emergency access (`true`), or none of them (`false`). */
  emergency: z.enum(['true', 'false']).optional(),
  category: z.enum(ACCESS_CATEGORIES).optional(),
  /**
   * `false`: leave out allowed list reads (task lists, request lists, notifications), which name
   * every request they showed; searches, refusals, reads under break-glass access and everything
   * else stay. An `instanceId`
   * filter finds, besides that request's rows, the list reads and searches that showed it.
   */
  listReads: z.enum(['true', 'false']).optional(),
  /**
   * `fold`: one row for the same person's same read of the same request within a few minutes, with
   * its count (`repeats`); refusals and reads under break-glass access are never folded. `each` (the
   * default): every read its own row.
   */
  repeats: z.enum(['fold', 'each']).optional(),
  /** `newest` first (the report) or `oldest` first (the default, for paging through everything). */
  order: z.enum(['newest', 'oldest']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().max(500).optional(),
});

/**
 * The access log narrowed to one patient: every read of any request filed under this reference (a
 * chart number in any case, or its FHIR reference or EHR address). In a body, not the URL: a patient
 * reference is patient data and URLs end up in proxy logs and browser history.
 */
export const AccessLogSearchBody = AccessLogFilter.extend({
  patient: z.string().trim().min(1).max(200),
}).strict();
export type AccessLogSearchBody = z.infer<typeof AccessLogSearchBody>;

const accessLogAnswer = {
  200: json(Page(AccessRow), 'One page of the access log'),
  ...errors({ ...auditorsOnly, 400: 'Bad period or cursor (VALIDATION_FAILED, CURSOR_INVALID)' }),
};

export const accessLog = route({
  method: 'get',
  path: '/api/audit/access-log',
  summary: 'Who read or tried to read what, for a period (auditors)',
  tags: ['audit'],
  'x-instance-data': true,
  request: { query: AccessLogFilter.strict() },
  responses: accessLogAnswer,
});

export const searchAccessLog = route({
  method: 'post',
  path: '/api/audit/access-log/search',
  summary: 'Who read or tried to read any request of one patient, for a period (auditors)',
  tags: ['audit'],
  'x-instance-data': true,
  request: { body: jsonBody(AccessLogSearchBody) },
  responses: accessLogAnswer,
});

/**
 * What an access-log export covers: the report's filters (and, in the body, never the address, a
 * patient's reference), every entry of the period, each its own row, not a page of it.
 */
export const AccessLogExportBody = AccessLogFilter.omit({ limit: true, cursor: true, repeats: true })
  .extend({ patient: z.string().trim().min(1).max(200).optional() })
  .strict();
export type AccessLogExportBody = z.infer<typeof AccessLogExportBody>;

export const exportAccessLog = route({
  method: 'post',
  path: '/api/audit/access-log/export',
  summary:
    'Every access-log entry of a period as CSV, whatever its length, in the report’s words (auditors and admins); the export is itself logged',
  tags: ['audit'],
  'x-instance-data': true,
  request: { body: jsonBody(AccessLogExportBody) },
  responses: {
    200: {
      description:
        'The CSV, one entry a row, newest first as the report lists them (oldest first when `order` is `oldest`), as the log stood when the export began: entries written while it is read, its own among them, are not in it. Its file name gives the period and that moment (`access-log-<from>-to-<to>-as-of-<UTC time>.csv`)',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errors({
      ...auditorsOnly,
      400: 'A bad filter, or a period that ends before it starts (VALIDATION_FAILED)',
    }),
  },
});

export const takeAuditCheckpoint = route({
  method: 'post',
  path: '/api/audit/checkpoints',
  summary: 'Sign a checkpoint of every history now (auditors and admins)',
  tags: ['audit'],
  'x-instance-data': true,
  responses: {
    201: json(z.object({ checkpoint: Checkpoint }), 'Written'),
    ...errors({
      ...auditorsOnly,
      409: 'Checkpoints are off, or the history no longer extends the last checkpoint (CHECKPOINTS_DISABLED, CHECKPOINT_REFUSED)',
    }),
  },
});

export const listAuditCheckpoints = route({
  method: 'get',
  path: '/api/audit/checkpoints',
  summary: 'The newest signed checkpoints, newest first (auditors and admins)',
  tags: ['audit'],
  'x-instance-data': true,
  responses: {
    200: json(z.object({ items: z.array(Checkpoint) }), 'Checkpoints'),
    ...errors({ ...auditorsOnly, 409: 'Checkpoints are off (CHECKPOINTS_DISABLED)' }),
  },
});

// The access log's words, the same on its screen and in its export.
export * from './access-categories.ts';
export * from './access-csv.ts';
export * from './access-text.ts';
export * from './refused-sign-in.ts';
