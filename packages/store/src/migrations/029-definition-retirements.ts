import type { Migration } from './migration.ts';

/**
 * A published workflow a lead retired: no new request starts on it (the instance insert checks this
 * table in the same statement, so a start racing the retirement either lands first or is refused);
 * running requests finish, and its versions stay for audit and replay. Bringing it back deletes the
 * row. A table of its own rather than columns on `definitions`, which older rows are written into
 * by position.
 */
export const definitionRetirements: Migration = {
  version: 29,
  name: 'definition-retirements',
  statements: [
    `CREATE TABLE definition_retirements (
      definition_id TEXT PRIMARY KEY REFERENCES definitions (id),
      retired_at TEXT NOT NULL,
      retired_by TEXT
    ) STRICT`,
  ],
};
