import type { Migration } from './migration.ts';

/**
 * The task tracking sheet: indexes for period aggregation over the task projection and the event log,
 * and manual entries (shifts, trainings, support contacts, FAQ items, project tasks) with an
 * append-only, hash-chained audit trail of every create, edit and delete.
 */
export const tracking: Migration = {
  version: 5,
  name: 'tracking-sheet',
  statements: [
    // Completed work by period: the sheet's scans are a range on closed_at, answered from this index alone.
    `CREATE INDEX tasks_completed ON tasks
      (practice, closed_at, closed_by, role, definition_id, outcome, opened_at, due, escalated)
      WHERE close_reason = 'completed'`,
    // Enrollment counts come straight from the hash-chained events (completions in a period): the event
    // index covers who and where, the instance index which workflow and whether it is practice, so only
    // the payloads of the events counted are read (instance rows carry large snapshots).
    'CREATE INDEX events_by_type_at ON events (type, at, instance_id, actor, role)',
    'CREATE INDEX instances_kind ON instances (id, definition_id, practice)',

    // day is the clinic-local date the work was done (YYYY-MM-DD); fields depend on kind.
    // commit_token marks which change last moved the row; its audit row checks it in the same batch.
    `CREATE TABLE tracking_entries (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id),
      kind TEXT NOT NULL CHECK (kind IN ('shift', 'training', 'support', 'faq', 'project')),
      day TEXT NOT NULL,
      fields TEXT NOT NULL CHECK (json_valid(fields)),
      revision INTEGER NOT NULL CHECK (revision >= 1),
      deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
      last_hash TEXT NOT NULL,
      commit_token TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT`,
    'CREATE INDEX tracking_entries_by_user ON tracking_entries (deleted, user_id, day)',
    'CREATE INDEX tracking_entries_by_day ON tracking_entries (deleted, day)',

    `CREATE TABLE tracking_entry_audit (
      entry_id TEXT NOT NULL REFERENCES tracking_entries (id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
      changes TEXT NOT NULL CHECK (json_valid(changes)),
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      PRIMARY KEY (entry_id, seq)
    ) STRICT`,
    'CREATE INDEX tracking_entry_audit_by_at ON tracking_entry_audit (at)',
    `CREATE TRIGGER tracking_entry_audit_no_update BEFORE UPDATE ON tracking_entry_audit
      BEGIN SELECT RAISE(ABORT, 'the tracking audit trail is append-only'); END`,
    `CREATE TRIGGER tracking_entry_audit_no_delete BEFORE DELETE ON tracking_entry_audit
      BEGIN SELECT RAISE(ABORT, 'the tracking audit trail is append-only'); END`,
  ],
};
