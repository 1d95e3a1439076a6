/**
 * Notes on a request: completion notes and comments that belong to the instance, so every later role
 * and the auditor read them. Stored append-only: each edit is a new revision of the same note.
 */

export type NoteKind = 'completion' | 'comment';

/** One stored revision of a note (revision 1 is the note as first written). */
export interface NoteRevision {
  /** This revision's row id. */
  id: string;
  /** The note's id: the id of its first revision. */
  noteId: string;
  revision: number;
  instanceId: string;
  /** The task it was written on, if any (`instanceId:token`). */
  taskId: string | null;
  /** The step id of that task. */
  step: string | null;
  kind: NoteKind;
  /** Written for whoever takes the request next: highlighted in the next task's panel. */
  forNextRole: boolean;
  /** Who wrote this revision, and in which role. */
  authorId: string;
  authorRole: string | null;
  at: string;
  body: string;
}

/** A new note, written on its own (a comment) or inside an instance change (a completion note). */
export interface NoteDraft {
  kind: NoteKind;
  /** Task token within the instance, if written on a task. */
  taskToken?: string | null;
  step?: string | null;
  forNextRole?: boolean;
  authorId: string;
  authorRole?: string | null;
  at: string;
  body: string;
}

export interface NoteEdit {
  noteId: string;
  /** The revision the editor read; the edit is refused if another edit landed since. */
  expectedRevision: number;
  authorId: string;
  authorRole?: string | null;
  at: string;
  body: string;
  /** Unchanged when omitted. */
  forNextRole?: boolean;
}

/** `conflict`: another edit landed first (re-read and try again); `not-found`: no such note revision. */
export type NoteEditResult =
  | { ok: true; note: NoteRevision }
  | { ok: false; reason: 'conflict' | 'not-found' };

export interface NoteStore {
  /** Adds a note to an existing instance; null when there is no such instance. */
  addNote(instanceId: string, draft: NoteDraft): Promise<NoteRevision | null>;
  reviseNote(edit: NoteEdit): Promise<NoteEditResult>;
  /** Every revision of every note of the instance, oldest first. */
  listNoteRevisions(instanceId: string): Promise<NoteRevision[]>;
}
