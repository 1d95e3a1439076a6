import type { Migration } from './migration.ts';

/** Notifications to people and role pools, and comments on tasks. */
export const collaboration: Migration = {
  version: 3,
  name: 'collaboration',
  statements: [
    `CREATE TABLE notifications (
      id TEXT PRIMARY KEY,
      user_id TEXT,
      role TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('assigned', 'overdue', 'escalated')),
      task_id TEXT,
      instance_id TEXT,
      created_at TEXT NOT NULL,
      read_at TEXT,
      CHECK (user_id IS NOT NULL OR role IS NOT NULL)
    ) STRICT`,
    'CREATE INDEX notifications_by_user ON notifications (user_id, created_at)',
    'CREATE INDEX notifications_by_role ON notifications (role, created_at)',

    `CREATE TABLE task_comments (
      id TEXT PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES tasks (id),
      instance_id TEXT NOT NULL REFERENCES instances (id),
      user_id TEXT NOT NULL,
      at TEXT NOT NULL,
      body TEXT NOT NULL
    ) STRICT`,
    'CREATE INDEX task_comments_by_task ON task_comments (task_id, at)',
  ],
};
