import { z } from 'zod';
import { Id, IdParams } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/**
 * What each kind of manual tracking entry holds: the paper tracking sheet's lines for work done outside
 * workflows. Free text is short and meant for work notes; patient identifiers do not belong here.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date (YYYY-MM-DD)');

export const ENTRY_FIELDS = {
  shift: z
    .object({
      shift: z.enum(['morning', 'afternoon', 'evening', 'full-day']),
      site: text(120),
      hours: z.number().min(0.25).max(24).multipleOf(0.25),
    })
    .strict(),
  training: z
    .object({
      topic: text(200),
      format: z.enum(['rounding', 'short-session', 'train-the-trainer', 'job-aid', 'other']),
      attendees: z.number().int().min(0).max(1000),
    })
    .strict(),
  support: z
    .object({
      contactType: z.enum(['lockout', 'password-reset', 'expired-code', 'other']),
      count: z.number().int().min(1).max(1000),
      escalatedToIt: z.number().int().min(0).max(1000).default(0).meta({ title: 'Escalated to IT' }),
    })
    .strict()
    // Said under the escalated number, the one to correct.
    .refine((f) => f.escalatedToIt <= f.count, {
      path: ['escalatedToIt'],
      message: 'cannot be more than the contacts',
    }),
  faq: z
    .object({
      itemType: z.enum(['faq', 'video']),
      title: text(200),
      language: z.enum(['english', 'spanish', 'other']).default('english'),
    })
    .strict(),
  project: z
    .object({
      task: text(200),
      status: z.enum(['not-started', 'in-progress', 'blocked', 'done']),
      dueDate: Day.optional(),
      blocker: z.string().trim().max(1000).optional(),
      accomplishment: z.string().trim().max(1000).optional(),
    })
    .strict(),
} as const;

export type EntryKind = keyof typeof ENTRY_FIELDS;
export const ENTRY_KINDS = Object.keys(ENTRY_FIELDS) as EntryKind[];

const entry = <K extends EntryKind>(kind: K) =>
  z
    .object({
      kind: z.literal(kind),
      day: Day,
      fields: ENTRY_FIELDS[kind],
      /** Leads may record work for someone else; everyone else records their own. */
      userId: z.string().min(1).max(200).optional(),
    })
    .strict();

export const CreateEntryBody = z.discriminatedUnion('kind', [
  entry('shift'),
  entry('training'),
  entry('support'),
  entry('faq'),
  entry('project'),
]);

export const PatchEntryBody = z
  .object({
    revision: z.number().int().min(1),
    day: Day.optional(),
    /** The whole set of fields for the entry's kind (validated against it). */
    fields: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const TrackingEntry = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(ENTRY_KINDS as [EntryKind, ...EntryKind[]]),
  day: Day,
  fields: z.record(z.string(), z.unknown()),
  revision: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type TrackingEntry = z.infer<typeof TrackingEntry>;

export const EntryChange = z.object({
  entryId: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  prevHash: z.string(),
  hash: z.string(),
});
export type EntryChange = z.infer<typeof EntryChange>;

export const EntryChainCheck = z.union([
  z.object({ ok: z.literal(true), count: z.number().int(), lastHash: z.string() }),
  z.object({ ok: z.literal(false), entryId: z.string(), seq: z.number().int(), reason: z.string() }),
]);

export const SHEET_TABLES = ['totals', 'requests', 'tasks', 'enrollment', 'declines', 'manual'] as const;
export type SheetTableId = (typeof SHEET_TABLES)[number];

export const Cell = z.union([z.string(), z.number()]);
export type Cell = z.infer<typeof Cell>;
export const SheetColumn = z.object({
  key: z.string(),
  label: z.string(),
  numeric: z.boolean().optional(),
  /** The cells are hours as a number (what a spreadsheet sums); screens show them as "2 h 15 min". */
  unit: z.literal('hours').optional(),
});
export type SheetColumn = z.infer<typeof SheetColumn>;
/** One table of the sheet. The web app renders exactly these cells and the CSV export writes them. */
export const SheetTable = z.object({
  id: z.enum(SHEET_TABLES),
  title: z.string(),
  columns: z.array(SheetColumn),
  rows: z.array(z.array(Cell)),
  /** How the filters chose the rows, in words, when a table cannot be filtered as the others are. */
  note: z.string().optional(),
  /** The table does not apply to these filters (its note says why): no rows, nothing to download. */
  withheld: z.literal(true).optional(),
});
export type SheetTable = z.infer<typeof SheetTable>;

export const SheetScope = z.object({
  /** `person`: one row group per person (and role); `role`: per role, people summed. */
  view: z.enum(['person', 'role']),
  userId: z.string().optional(),
  role: z.string().optional(),
});
export type SheetScope = z.infer<typeof SheetScope>;

export const Sheet = z.object({
  period: z.object({ from: Day, to: Day, timeZone: z.string(), start: z.string(), end: z.string() }),
  asOf: z.string(),
  scope: SheetScope,
  tables: z.array(SheetTable),
  charts: z.object({
    /** Completed tasks per clinic-local day, one key per role name. */
    volume: z.array(z.record(z.string(), Cell)),
    volumeSeries: z.array(z.string()),
    /** Median and p90 time to complete per role, in hours. */
    timeToComplete: z.array(
      z.object({ role: z.string(), median: z.number(), p90: z.number(), completed: z.number().int() }),
    ),
  }),
  /**
   * The task tallies come from the task projection; `completionEvents` counts the same completions
   * straight from the hash-chained events, so a reader can see the two agree.
   */
  check: z.object({
    completionEvents: z.number().int(),
    completedTasks: z.number().int(),
    consistent: z.boolean(),
  }),
});
export type Sheet = z.infer<typeof Sheet>;

const signedIn = { 401: 'Not signed in (UNAUTHENTICATED)' } as const;

export const trackingSheet = route({
  method: 'get',
  path: '/api/tracking/sheet',
  summary: 'Task tracking sheet for a period: per person or role, JSON or one table as CSV',
  tags: ['tracking'],
  'x-instance-data': false,
  request: {
    query: z
      .object({
        from: Day,
        to: Day,
        /** `person` (default): per person and role; `role`: per role (leads and auditors). */
        view: z.enum(['person', 'role']).optional(),
        person: Id.optional(),
        role: Id.optional(),
        format: z.enum(['json', 'csv']).default('json'),
        /** Which table the CSV holds. */
        table: z.enum(SHEET_TABLES).default('totals'),
      })
      .strict(),
  },
  responses: {
    200: {
      description: 'The sheet',
      content: { 'application/json': { schema: Sheet }, 'text/csv': { schema: z.string() } },
    },
    ...errors({
      ...signedIn,
      400: 'Bad period (VALIDATION_FAILED)',
      403: 'Someone else’s sheet, or the per-role view, for staff (FORBIDDEN)',
    }),
  },
});

export const listTrackingEntries = route({
  method: 'get',
  path: '/api/tracking/entries',
  summary: 'Manual tracking entries for a period (yours; leads and auditors: anyone’s)',
  tags: ['tracking'],
  'x-instance-data': false,
  request: {
    query: z
      .object({
        from: Day,
        to: Day,
        person: z.string().min(1).max(200).optional(),
        kind: z.enum(ENTRY_KINDS as [EntryKind, ...EntryKind[]]).optional(),
      })
      .strict(),
  },
  responses: {
    200: json(z.object({ entries: z.array(TrackingEntry) }), 'The entries'),
    ...errors({ ...signedIn, 400: 'Bad period (VALIDATION_FAILED)', 403: 'Someone else’s (FORBIDDEN)' }),
  },
});

export const createTrackingEntry = route({
  method: 'post',
  path: '/api/tracking/entries',
  summary: 'Record work done outside workflows (leads may record it for someone else)',
  tags: ['tracking'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { body: jsonBody(CreateEntryBody) },
  responses: {
    201: json(z.object({ entry: TrackingEntry }), 'Recorded'),
    ...errors({
      ...signedIn,
      403: 'Auditors, or someone else’s entry for staff (FORBIDDEN)',
      404: 'No such person (NOT_FOUND)',
    }),
  },
});

const entryErrors = errors({
  ...signedIn,
  403: 'Not yours (FORBIDDEN)',
  404: 'No such entry (NOT_FOUND)',
  409: 'Changed since read (STALE_REVISION)',
});

export const editTrackingEntry = route({
  method: 'patch',
  path: '/api/tracking/entries/{id}',
  summary: 'Edit a manual entry at the revision read (owner or lead)',
  tags: ['tracking'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(PatchEntryBody) },
  responses: { 200: json(z.object({ entry: TrackingEntry }), 'Edited'), ...entryErrors },
});

export const deleteTrackingEntry = route({
  method: 'delete',
  path: '/api/tracking/entries/{id}',
  summary: 'Delete a manual entry at the revision read (owner or lead); its audit trail stays',
  tags: ['tracking'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, query: z.object({ revision: z.coerce.number().int().min(1) }).strict() },
  responses: { 200: json(z.object({ deleted: z.string() }), 'Deleted'), ...entryErrors },
});

export const trackingEntryChanges = route({
  method: 'get',
  path: '/api/tracking/entries/{id}/changes',
  summary: 'An entry’s audit trail (old → new, who, when) and its hash-chain check',
  tags: ['tracking'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ changes: z.array(EntryChange), verify: EntryChainCheck }), 'Audit trail'),
    ...errors({ ...signedIn, 403: 'Not yours (FORBIDDEN)', 404: 'No such entry (NOT_FOUND)' }),
  },
});

export type CreateEntryInput = z.input<typeof CreateEntryBody>;
