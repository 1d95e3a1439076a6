import type { Migration } from './migration.ts';

/**
 * Moving running instances between published versions: the plan (step mapping A → B), each run of
 * it, and what happened to every instance the run looked at.
 */
export const instanceMigrations: Migration = {
  version: 7,
  name: 'instance-migrations',
  statements: [
    `CREATE TABLE migration_plans (
      id TEXT PRIMARY KEY,
      definition_id TEXT NOT NULL REFERENCES definitions (id),
      from_version INTEGER NOT NULL CHECK (from_version >= 1),
      to_version INTEGER NOT NULL CHECK (to_version >= 1),
      mapping TEXT NOT NULL CHECK (json_valid(mapping)),
      revision INTEGER NOT NULL CHECK (revision >= 1),
      created_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (from_version <> to_version)
    ) STRICT`,
    'CREATE INDEX migration_plans_by_definition ON migration_plans (definition_id, created_at)',

    `CREATE TABLE migration_runs (
      id TEXT PRIMARY KEY,
      plan_id TEXT NOT NULL REFERENCES migration_plans (id),
      status TEXT NOT NULL CHECK (status IN ('running', 'stopping', 'stopped', 'done', 'failed')),
      mapping TEXT NOT NULL CHECK (json_valid(mapping)),
      total INTEGER NOT NULL DEFAULT 0,
      started_by TEXT,
      started_at TEXT NOT NULL,
      stop_requested_at TEXT,
      finished_at TEXT,
      error TEXT
    ) STRICT`,
    'CREATE INDEX migration_runs_by_plan ON migration_runs (plan_id, started_at)',
    // One run of a plan at a time.
    `CREATE UNIQUE INDEX migration_runs_one_live ON migration_runs (plan_id)
      WHERE status IN ('running', 'stopping')`,

    `CREATE TABLE migration_results (
      run_id TEXT NOT NULL REFERENCES migration_runs (id),
      instance_id TEXT NOT NULL REFERENCES instances (id),
      status TEXT NOT NULL CHECK (status IN ('migrated', 'skipped', 'conflict', 'failed')),
      reason TEXT,
      seq INTEGER,
      at TEXT NOT NULL,
      PRIMARY KEY (run_id, instance_id)
    ) STRICT`,
  ],
};
