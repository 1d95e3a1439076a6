import type { Migration } from './migration.ts';

/**
 * Two-factor sign-in (TOTP secrets, one-time recovery codes), sign-in stages of a session, known
 * devices, and break-glass emergency access with every access made under it marked in the access log.
 */
export const securityHardening: Migration = {
  version: 9,
  name: 'security-hardening',
  statements: [
    // A session is `full` only once every sign-in factor the account needs was given.
    `ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full' CHECK (stage IN ('full', 'totp', 'enroll'))`,

    // last_step: the newest 30-second step a code was accepted for, so a code works only once.
    `CREATE TABLE totp_secrets (
      user_id TEXT PRIMARY KEY REFERENCES users (id),
      secret TEXT NOT NULL,
      created_at TEXT NOT NULL,
      confirmed_at TEXT,
      last_step INTEGER
    ) STRICT`,

    // Only hashes are kept; each code works once.
    `CREATE TABLE recovery_codes (
      user_id TEXT NOT NULL REFERENCES users (id),
      code_hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      used_at TEXT,
      PRIMARY KEY (user_id, code_hash)
    ) STRICT`,

    // id is the SHA-256 of the device cookie's secret. totp_until: the user chose "remember this device".
    `CREATE TABLE devices (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      totp_until TEXT
    ) STRICT`,
    'CREATE INDEX devices_by_user ON devices (user_id)',

    `CREATE TABLE emergency_access (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id),
      reason TEXT NOT NULL,
      granted_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      ended_at TEXT
    ) STRICT`,
    'CREATE INDEX emergency_access_by_user ON emergency_access (user_id, expires_at)',
    `CREATE TRIGGER emergency_access_reason_fixed BEFORE UPDATE OF id, user_id, reason, granted_at ON emergency_access
      BEGIN SELECT RAISE(ABORT, 'an emergency access grant is never rewritten'); END`,

    'ALTER TABLE access_log ADD COLUMN emergency_access_id TEXT',
    'CREATE INDEX access_log_by_emergency ON access_log (emergency_access_id) WHERE emergency_access_id IS NOT NULL',
  ],
};
