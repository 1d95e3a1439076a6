import type { Migration } from './migration.ts';

/**
 * A "due soon" reminder for whoever holds a task as its deadline nears. Its notification id names the
 * task and the holder, so the reminder is written once per task per holder however many times (or
 * processes) look. SQLite cannot change a CHECK constraint in place, so the table is rebuilt with the
 * wider list of kinds, its rows and indexes as they were. The index finds held tasks by due time.
 */
export const dueSoon: Migration = {
  version: 30,
  name: 'due-soon',
  statements: [
    `CREATE TABLE notifications_new (
      id TEXT PRIMARY KEY,
      user_id TEXT,
      role TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('assigned', 'overdue', 'escalated', 'cancelled', 'due-soon')),
      task_id TEXT,
      instance_id TEXT,
      created_at TEXT NOT NULL,
      read_at TEXT,
      CHECK (user_id IS NOT NULL OR role IS NOT NULL)
    ) STRICT`,
    `INSERT INTO notifications_new (id, user_id, role, kind, task_id, instance_id, created_at, read_at)
      SELECT id, user_id, role, kind, task_id, instance_id, created_at, read_at FROM notifications`,
    'DROP TABLE notifications',
    'ALTER TABLE notifications_new RENAME TO notifications',
    'CREATE INDEX notifications_by_user ON notifications (user_id, created_at)',
    'CREATE INDEX notifications_by_role ON notifications (role, created_at)',
    `CREATE INDEX tasks_held_by_due ON tasks (due)
      WHERE status = 'open' AND assignee IS NOT NULL AND practice = 0 AND due IS NOT NULL`,
  ],
};
