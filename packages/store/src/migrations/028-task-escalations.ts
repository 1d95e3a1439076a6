import type { Migration } from './migration.ts';

/**
 * Every deadline escalation of a task, one row each: a task given back with a new due time can let it
 * pass again, and the task's own columns (026) keep only the last. The tracking sheet counts these
 * rows. Escalations before this version carry over as the task's columns recorded them: the last one.
 */
export const taskEscalations: Migration = {
  version: 28,
  name: 'task-escalations',
  statements: [
    `CREATE TABLE task_escalations (
      task_id TEXT NOT NULL,
      at TEXT NOT NULL,
      from_role TEXT NOT NULL,
      from_person TEXT,
      practice INTEGER NOT NULL CHECK (practice IN (0, 1))
    ) STRICT`,
    `INSERT INTO task_escalations (task_id, at, from_role, from_person, practice)
     SELECT id, escalated_at, escalated_from_role, escalated_from, practice FROM tasks
      WHERE escalated_at IS NOT NULL AND escalated_from_role IS NOT NULL`,
    // The sheet's escalation counts are a range on `at`, answered from this index alone.
    `CREATE INDEX task_escalations_when ON task_escalations (practice, at, from_person, from_role)`,
    'CREATE INDEX task_escalations_task ON task_escalations (task_id)',
  ],
};
