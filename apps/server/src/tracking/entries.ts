import { z } from 'zod';

/**
 * What each kind of manual tracking entry holds: the paper tracking sheet's lines for work done outside
 * workflows. Free text is short and meant for work notes; patient identifiers do not belong here.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date (YYYY-MM-DD)');

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
      escalatedToIt: z.number().int().min(0).max(1000).default(0),
    })
    .strict()
    .refine((f) => f.escalatedToIt <= f.count, 'escalatedToIt cannot exceed count'),
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
      dueDate: day.optional(),
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
      day,
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
    day: day.optional(),
    /** The whole set of fields for the entry's kind (validated against it). */
    fields: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const DeleteEntryQuery = z.object({ revision: z.coerce.number().int().min(1) }).strict();

export const ListEntriesQuery = z
  .object({
    from: day,
    to: day,
    person: z.string().min(1).max(200).optional(),
    kind: z.enum(ENTRY_KINDS as [EntryKind, ...EntryKind[]]).optional(),
  })
  .strict();

export type CreateEntryInput = {
  kind: EntryKind;
  day: string;
  fields: Record<string, unknown>;
  userId?: string;
};
