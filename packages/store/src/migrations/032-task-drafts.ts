import type { Migration } from './migration.ts';

/**
 * What a task's holder has typed but not sent (form answers, the note box), one row per task, so a
 * reload or another computer finds it again. It belongs to the task and goes with it when it is
 * handed on; the row goes when the task closes. `revision` rises with every save, so a save typed
 * over an older revision (a second tab) is refused instead of overwriting a newer one. Not part of the
 * request's history: nothing is decided until the step is finished.
 */
export const taskDrafts: Migration = {
  version: 32,
  name: 'task-drafts',
  statements: [
    `CREATE TABLE task_drafts (
      task_id TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      body TEXT NOT NULL,
      saved_by TEXT NOT NULL,
      saved_at TEXT NOT NULL
    ) STRICT`,
    'CREATE INDEX task_drafts_by_instance ON task_drafts (instance_id)',
  ],
};
