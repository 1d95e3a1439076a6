import type { Migration } from './migration.ts';

/** Accounts, roles, sessions and API tokens, the access log, and idempotent request replay. */
export const accounts: Migration = {
  version: 2,
  name: 'accounts',
  statements: [
    `CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL,
      display_name TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      created_at TEXT NOT NULL
    ) STRICT`,

    `CREATE TABLE user_roles (
      user_id TEXT NOT NULL REFERENCES users (id),
      role TEXT NOT NULL,
      PRIMARY KEY (user_id, role)
    ) STRICT`,

    // id is the SHA-256 of the cookie secret: a copy of this table cannot be replayed as sessions.
    `CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
    ) STRICT`,
    'CREATE INDEX sessions_by_user ON sessions (user_id)',

    `CREATE TABLE api_tokens (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id),
      token_hash TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
    ) STRICT`,
    'CREATE INDEX api_tokens_by_user ON api_tokens (user_id)',

    `CREATE TABLE access_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      user_id TEXT,
      role TEXT,
      action TEXT NOT NULL,
      instance_id TEXT,
      data_category TEXT,
      outcome TEXT NOT NULL CHECK (outcome IN ('allow', 'deny')),
      detail TEXT
    ) STRICT`,
    'CREATE INDEX access_log_by_at ON access_log (at)',
    'CREATE INDEX access_log_by_user ON access_log (user_id, at)',
    'CREATE INDEX access_log_by_instance ON access_log (instance_id, at)',
    // Old entries may be purged under the retention policy, but never rewritten.
    `CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
      BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END`,

    `CREATE TABLE idempotency (
      key TEXT NOT NULL,
      user_id TEXT NOT NULL,
      route TEXT NOT NULL,
      status INTEGER NOT NULL,
      response TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (key, user_id)
    ) STRICT`,
    'CREATE INDEX idempotency_by_created ON idempotency (created_at)',
  ],
};
