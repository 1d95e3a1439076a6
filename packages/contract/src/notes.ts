import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/**
 * A request's notes: completion notes and comments that belong to the instance (not one task), read by
 * every later role and the auditor. An edit is a new revision; the trail keeps old → new.
 */

const noteText = z.string().trim().min(1, 'Write something first').max(8000);

export const NoteBody = z
  .object({
    body: noteText,
    /** The task the note was written on; it must be an open task of this request. */
    taskId: z.string().min(1).max(200).optional(),
    /** Highlighted at the top of the next role's task. */
    forNextRole: z.boolean().optional(),
  })
  .strict();
export type NoteBody = z.input<typeof NoteBody>;

export const NoteEditBody = z
  .object({
    body: noteText,
    /** The revision the editor read: a note edited meanwhile is refused (NOTE_CHANGED), not overwritten. */
    revision: z.number().int().min(1),
    forNextRole: z.boolean().optional(),
  })
  .strict();
export type NoteEditBody = z.input<typeof NoteEditBody>;

/** One edit of a note: the wording before and after. */
export const NoteEdit = z.object({
  revision: z.number().int(),
  at: Timestamp,
  authorId: z.string(),
  from: z.string(),
  to: z.string(),
});

export const NoteView = z.object({
  id: z.string(),
  revision: z.number().int(),
  kind: z.enum(['completion', 'comment']),
  forNextRole: z.boolean(),
  instanceId: z.string(),
  taskId: z.string().nullable(),
  step: z.string().nullable(),
  /** The step's title (never its id) in the version the request runs on. */
  stepTitle: z.string().nullable(),
  authorId: z.string(),
  authorRole: z.string().nullable(),
  /** When the note was first written. */
  at: Timestamp,
  body: z.string(),
  /** Every edit, oldest first; empty when never edited. */
  edits: z.array(NoteEdit),
});
export type NoteView = z.infer<typeof NoteView>;

const NoteParams = z.object({ id: Id, noteId: Id });

export const listNotes = route({
  method: 'get',
  path: '/api/instances/{id}/notes',
  summary: "The request's notes and comments from every step, oldest first, with each edit old → new",
  tags: ['notes'],
  'x-instance-data': true,
  request: { params: z.object({ id: Id }) },
  responses: {
    200: json(z.object({ notes: z.array(NoteView) }), 'Notes'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'You do not work on this request (FORBIDDEN)',
      404: 'No such request (NOT_FOUND)',
    }),
  },
});

export const addNote = route({
  method: 'post',
  path: '/api/instances/{id}/notes',
  summary: 'Add a note to the request, optionally on one of its open tasks and for the next role',
  tags: ['notes'],
  'x-instance-data': true,
  request: { params: z.object({ id: Id }), body: jsonBody(NoteBody) },
  responses: {
    201: json(z.object({ note: NoteView }), 'Added'),
    ...errors({
      400: 'An empty or too long note (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'You do not work on this request, or you only audit (FORBIDDEN)',
      404: 'No such request, or the task is not part of it (NOT_FOUND)',
      409: 'The request has ended (REQUEST_CLOSED) or the task is closed (TASK_CLOSED)',
    }),
  },
});

export const editNote = route({
  method: 'patch',
  path: '/api/instances/{id}/notes/{noteId}',
  summary: 'Edit your own note: a new revision, the old wording kept in the trail',
  tags: ['notes'],
  'x-instance-data': true,
  request: { params: NoteParams, body: jsonBody(NoteEditBody) },
  responses: {
    200: json(z.object({ note: NoteView }), 'Edited'),
    ...errors({
      400: 'An empty or too long note (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not your note (NOT_NOTE_AUTHOR), or not your request (FORBIDDEN)',
      404: 'No such note on this request (NOT_FOUND)',
      409: 'Edited by someone else since you read it (NOTE_CHANGED), or the request has ended (REQUEST_CLOSED)',
    }),
  },
});
