import { z } from 'zod';

/** Request and response shapes of a request's notes, in one place so they move to the contract together. */

const noteBody = z.string().trim().min(1, 'Write something first').max(8000);

export const NoteBody = z
  .object({
    body: noteBody,
    /** The task the note was written on; it must be an open task of this request. */
    taskId: z.string().min(1).max(200).optional(),
    forNextRole: z.boolean().optional(),
  })
  .strict();

export const NoteEditBody = z
  .object({
    body: noteBody,
    /** The revision the editor read: a note edited meanwhile is refused (NOTE_CHANGED), not overwritten. */
    revision: z.number().int().min(1),
    forNextRole: z.boolean().optional(),
  })
  .strict();

/** One earlier wording of a note, replaced by the next: old → new. */
export const NoteEditView = z.object({
  revision: z.number().int(),
  at: z.string(),
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
  at: z.string(),
  body: z.string(),
  /** Every edit, oldest first; empty when never edited. */
  edits: z.array(NoteEditView),
});

export type NoteView = z.infer<typeof NoteView>;
