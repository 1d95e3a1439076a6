import type { Migration } from './migration.ts';

/**
 * A task's id is `{instance id}:{token}`, so the primary key's own index already keeps an instance's
 * tasks together: `tasks_by_instance` held the same order a second time. Every completion wrote both
 * at a random place (one 4 KB page each per commit); an instance's tasks are now read by id range.
 */
export const taskLookupById: Migration = {
  version: 18,
  name: 'task-lookup-by-id',
  statements: ['DROP INDEX IF EXISTS tasks_by_instance'],
};
