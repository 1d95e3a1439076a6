import type { Migration } from './migration.ts';

/**
 * When a task escalated, from which role and whose it was then: the tracking sheet counts an
 * escalation in the period it happened, for the person and role that let the deadline pass, whether
 * or not the task is done yet. Escalations before this version are dated by the notification the
 * escalation sent (else the deadline), their role is the step's in the workflow version; who held the
 * task then was not recorded, so they count for the pool.
 */
export const escalationsWhen: Migration = {
  version: 26,
  name: 'escalations-when',
  statements: [
    'ALTER TABLE tasks ADD COLUMN escalated_at TEXT',
    'ALTER TABLE tasks ADD COLUMN escalated_from_role TEXT',
    'ALTER TABLE tasks ADD COLUMN escalated_from TEXT',
    `UPDATE tasks SET
       escalated_at = coalesce(
         (SELECT min(n.created_at) FROM notifications n WHERE n.kind = 'escalated' AND n.task_id = tasks.id),
         due, opened_at),
       escalated_from_role = coalesce(
         (SELECT json_extract(v.definition, '$.steps."' || tasks.step || '".role')
            FROM instances i JOIN definition_versions v ON v.definition_id = i.definition_id AND v.version = i.version
           WHERE i.id = tasks.instance_id),
         role)
     WHERE escalated = 1`,
    // The sheet's escalation counts are a range on escalated_at, answered from this index alone.
    `CREATE INDEX tasks_escalations ON tasks (practice, escalated_at, escalated_from, escalated_from_role)
      WHERE escalated_at IS NOT NULL`,
  ],
};
