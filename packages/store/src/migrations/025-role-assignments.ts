import type { Migration } from './migration.ts';

/**
 * When each person got each of their roles: a refresher starts from the version of a workflow that was
 * current then, since someone who joins a role learns its job as it is, not as it was at version 1.
 * Roles held before this was recorded count from the account's creation.
 */
export const roleAssignments: Migration = {
  version: 25,
  name: 'role-assignments',
  statements: [
    'ALTER TABLE user_roles ADD COLUMN assigned_at TEXT',
    'UPDATE user_roles SET assigned_at = (SELECT created_at FROM users WHERE users.id = user_roles.user_id)',
  ],
};
