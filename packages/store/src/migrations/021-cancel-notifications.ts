import type { Migration } from './migration.ts';

/**
 * A notification for whoever was working on a task when its request was cancelled. SQLite cannot
 * change a CHECK constraint in place, so the table is rebuilt with the wider list of kinds, its rows
 * and indexes as they were.
 */
export const cancelNotifications: Migration = {
  version: 21,
  name: 'cancel-notifications',
  statements: [
    `CREATE TABLE notifications_new (
      id TEXT PRIMARY KEY,
      user_id TEXT,
      role TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('assigned', 'overdue', 'escalated', 'cancelled')),
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
  ],
};
