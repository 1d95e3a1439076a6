import type { Migration } from './migration.ts';

/**
 * Intake keys: the shared secrets other systems (the patient portal, the EHR) sign webhooks with, one
 * workflow each. The secret is kept sealed (AES-256-GCM under a key outside the database, see the
 * server): verifying an HMAC needs the secret itself, so a hash would not do. `intake_key_changes`
 * is the append-only trail of who created and revoked which key.
 */
export const intake: Migration = {
  // Number 15 in the full sequence; this branch has no 14 yet, so it sits at 14 until it lands.
  version: 16,
  name: 'intake',
  statements: [
    `CREATE TABLE intake_keys (
      id TEXT PRIMARY KEY,
      workflow_id TEXT NOT NULL,
      sealed_secret TEXT NOT NULL,
      created_by TEXT,
      created_at TEXT NOT NULL,
      last_used_at TEXT,
      revoked_at TEXT,
      revoked_by TEXT
    ) STRICT`,
    'CREATE INDEX intake_keys_by_workflow ON intake_keys (workflow_id, created_at)',

    `CREATE TABLE intake_key_changes (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT,
      key_id TEXT NOT NULL,
      workflow_id TEXT NOT NULL,
      what TEXT NOT NULL CHECK (what IN ('created', 'revoked'))
    ) STRICT`,
    'CREATE INDEX intake_key_changes_by_key ON intake_key_changes (key_id, id)',
    `CREATE TRIGGER intake_key_changes_no_update BEFORE UPDATE ON intake_key_changes
      BEGIN SELECT RAISE(ABORT, 'the intake key trail is append-only'); END`,
    `CREATE TRIGGER intake_key_changes_no_delete BEFORE DELETE ON intake_key_changes
      BEGIN SELECT RAISE(ABORT, 'the intake key trail is append-only'); END`,
  ],
};
