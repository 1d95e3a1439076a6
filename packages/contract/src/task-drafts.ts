import { z } from 'zod';
import { Id, IdParams, Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/**
 * A task's draft: the form answers and the note its holder has typed but not yet sent, kept on the
 * server so a reload, a lost connection or another computer does not lose them. It belongs to the
 * task (not the person): handed to a colleague or put back in the pool, the task takes it along, and
 * the next holder reads it marked as typed by the one before. Only the task's current holder reads or
 * writes it; finishing the task (or the task closing any other way) removes it. It is not part of the
 * request's history: nothing is decided until the step is finished.
 */

/** Longest draft accepted: its answers and note written out as JSON, in characters. */
export const TASK_DRAFT_MAX_CHARS = 32_000;

/**
 * One answer as the form's input holds it, half-typed or not: number text that does not read as a
 * number yet is kept as typed, so the person finds exactly what they left.
 */
export const DraftAnswer = z.union([z.string().max(8000), z.number(), z.boolean(), z.null()]);
export type DraftAnswer = z.infer<typeof DraftAnswer>;

export const TaskDraft = z.object({
  /** Raised by one on every save; a save names the revision it read (`baseRevision`). */
  revision: z.number().int().min(1),
  /** Answers by field id: only fields the task's step declares. */
  values: z.record(z.string(), DraftAnswer),
  /** The task's note box as typed. */
  note: z.string(),
  /** Whether the note is marked for the next role. */
  forNextRole: z.boolean(),
  savedAt: Timestamp,
  /** Who typed it: the reader, or the task's previous holder when it was handed on or put back. */
  savedBy: z.object({ id: z.string(), displayName: z.string() }),
});
export type TaskDraft = z.infer<typeof TaskDraft>;

/**
 * That a task has a draft, who typed it and when — never what it holds: on a queue row and on the task
 * for whoever does not hold it (a pool task half done by its previous holder), with no patient data.
 */
export const TaskDraftMark = z.object({
  savedAt: Timestamp,
  savedBy: z.object({ id: z.string(), displayName: z.string() }),
});
export type TaskDraftMark = z.infer<typeof TaskDraftMark>;

/** `GET` and `PUT /api/tasks/{id}/draft`: the task's draft, null when nothing is kept. */
export const TaskDraftAnswer = z.object({ draft: TaskDraft.nullable() });
export type TaskDraftAnswer = z.infer<typeof TaskDraftAnswer>;

export const SaveTaskDraftBody = z
  .object({
    /**
     * The draft revision this save was typed over: the one read (0 when none was kept). Refused with 409
     * TASK_DRAFT_NEWER when another save landed since (a second tab), so an older draft never
     * overwrites a newer one unseen.
     */
    baseRevision: z.number().int().min(0),
    values: z.record(Id, DraftAnswer),
    note: z.string().max(8000).default(''),
    forNextRole: z.boolean().default(false),
  })
  .strict();
export type SaveTaskDraftBody = z.input<typeof SaveTaskDraftBody>;

const draftErrors = errors({
  401: 'Not signed in (UNAUTHENTICATED)',
  403: 'Not a task you may see, or auditors (FORBIDDEN)',
  404: 'No such task (NOT_FOUND)',
  409: 'The task is not yours (any more): someone else holds it, it is in its pool, or it closed (NOT_YOURS, NOT_ASSIGNED, TASK_CLOSED)',
});

export const getTaskDraft = route({
  method: 'get',
  path: '/api/tasks/{id}/draft',
  summary: 'The answers and note typed on a task you hold but not yet sent (null when none are kept)',
  tags: ['tasks'],
  'x-instance-data': true,
  request: { params: IdParams },
  responses: { 200: json(TaskDraftAnswer, 'The draft'), ...draftErrors },
});

export const saveTaskDraft = route({
  method: 'put',
  path: '/api/tasks/{id}/draft',
  summary:
    'Keep what is typed on a task you hold (only fields its step declares), over the revision read; a newer save is 409 with it',
  tags: ['tasks'],
  'x-instance-data': true,
  request: { params: IdParams, body: jsonBody(SaveTaskDraftBody) },
  responses: {
    200: json(TaskDraftAnswer, 'Kept; the draft as saved'),
    ...draftErrors,
    ...errors({
      400: 'A field the step does not declare (UNDECLARED_FIELD), or a bad body (VALIDATION_FAILED)',
      409: 'Not yours (NOT_YOURS, NOT_ASSIGNED, TASK_CLOSED); or a newer draft was saved since the revision read, given as details.draft (TASK_DRAFT_NEWER)',
      413: 'The draft is longer than allowed (TASK_DRAFT_TOO_LARGE)',
    }),
  },
});
