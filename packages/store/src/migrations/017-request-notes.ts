import type { Migration } from './migration.ts';

/**
 * Notes on a request (an instance), not on one task: completion notes and comments, read by every later
 * role and by the auditor. Append-only: an edit is a new row with the next `revision` of the same
 * `note_id`, so the trail keeps every old → new. `UNIQUE (note_id, revision)` makes two racing edits of
 * the same revision end with one winner and one refusal, never a silent overwrite.
 */
export const requestNotes: Migration = {
  version: 17,
  name: 'request-notes',
  statements: [
    `CREATE TABLE request_notes (
      id TEXT PRIMARY KEY,
      note_id TEXT NOT NULL,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      instance_id TEXT NOT NULL REFERENCES instances (id),
      task_id TEXT,
      step TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('completion', 'comment')),
      for_next_role INTEGER NOT NULL DEFAULT 0 CHECK (for_next_role IN (0, 1)),
      author_id TEXT NOT NULL,
      author_role TEXT,
      at TEXT NOT NULL,
      body TEXT NOT NULL,
      UNIQUE (note_id, revision)
    ) STRICT`,
    'CREATE INDEX request_notes_by_instance ON request_notes (instance_id, at, id)',
    // Comments written on one task before notes belonged to the request join the request's notes.
    `INSERT INTO request_notes (id, note_id, revision, instance_id, task_id, step, kind, for_next_role,
       author_id, author_role, at, body)
     SELECT c.id, c.id, 1, c.instance_id, c.task_id, t.step, 'comment', 0, c.user_id, NULL, c.at, c.body
     FROM task_comments c JOIN tasks t ON t.id = c.task_id`,
    `CREATE TRIGGER request_notes_no_update BEFORE UPDATE ON request_notes
      BEGIN SELECT RAISE(ABORT, 'notes are append-only; an edit is a new revision'); END`,
    `CREATE TRIGGER request_notes_no_delete BEFORE DELETE ON request_notes
      BEGIN SELECT RAISE(ABORT, 'notes are append-only; an edit is a new revision'); END`,
  ],
};
