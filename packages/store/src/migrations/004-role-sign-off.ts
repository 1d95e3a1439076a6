import type { Migration } from './migration.ts';

/**
 * Job descriptions and refresher training: the hand-written part of each role's job description,
 * leadership sign-offs (append-only, with the fingerprint and the duties they approved), people's
 * acknowledgements of what changed in their role, and periodic refresher schedules.
 */
export const roleSignOff: Migration = {
  version: 4,
  name: 'role-sign-off',
  statements: [
    `CREATE TABLE job_texts (
      role_id TEXT PRIMARY KEY,
      reports_to TEXT NOT NULL DEFAULT '',
      skills TEXT NOT NULL DEFAULT '',
      languages TEXT NOT NULL DEFAULT '',
      hours TEXT NOT NULL DEFAULT '',
      revision INTEGER NOT NULL CHECK (revision >= 1),
      updated_at TEXT NOT NULL,
      updated_by TEXT
    ) STRICT`,

    `CREATE TABLE job_approvals (
      id TEXT PRIMARY KEY,
      role_id TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      duties TEXT NOT NULL CHECK (json_valid(duties)),
      job_text TEXT NOT NULL CHECK (json_valid(job_text)),
      approved_by TEXT NOT NULL,
      approved_at TEXT NOT NULL
    ) STRICT`,
    'CREATE INDEX job_approvals_by_role ON job_approvals (role_id, approved_at)',
    `CREATE TRIGGER job_approvals_no_update BEFORE UPDATE ON job_approvals BEGIN SELECT RAISE(ABORT, 'sign-offs are kept as given; approve again'); END`,
    `CREATE TRIGGER job_approvals_no_delete BEFORE DELETE ON job_approvals BEGIN SELECT RAISE(ABORT, 'sign-offs are kept as given; approve again'); END`,

    `CREATE TABLE refresher_acknowledgements (
      user_id TEXT NOT NULL,
      definition_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      role TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (user_id, definition_id, version, role)
    ) STRICT`,

    `CREATE TABLE refresher_schedules (
      id TEXT PRIMARY KEY,
      role TEXT,
      definition_id TEXT,
      every_days INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 3650),
      created_by TEXT,
      created_at TEXT NOT NULL,
      CHECK (role IS NOT NULL OR definition_id IS NOT NULL)
    ) STRICT`,
  ],
};
