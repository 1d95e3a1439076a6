import type { Migration } from './migration.ts';

/**
 * Account administration: when each account last signed in, a client hint on sessions (so an admin
 * can tell them apart), one-time set-password codes (only their hashes; each expires and works once),
 * the append-only trail of account changes (who changed what, old → new), and the last admin guard:
 * no write may leave the clinic without an active admin. The guard is a trigger, so it holds for
 * every write path and for concurrent writers (SQLite runs one write transaction at a time).
 */
export const accountAdministration: Migration = {
  version: 12,
  name: 'account-administration',
  statements: [
    'ALTER TABLE users ADD COLUMN last_sign_in_at TEXT',
    'ALTER TABLE sessions ADD COLUMN client_hint TEXT',

    // redeemed_by: a random nonce of the request that redeemed the code, so the statements after the
    // redeeming UPDATE in the same batch act only for the one request that won.
    `CREATE TABLE set_password_codes (
      code_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id),
      created_by TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      redeemed_by TEXT
    ) STRICT`,
    'CREATE INDEX set_password_codes_by_user ON set_password_codes (user_id)',

    `CREATE TABLE account_changes (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT,
      user_id TEXT NOT NULL,
      what TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT
    ) STRICT`,
    'CREATE INDEX account_changes_by_user ON account_changes (user_id, id)',
    `CREATE TRIGGER account_changes_no_update BEFORE UPDATE ON account_changes
      BEGIN SELECT RAISE(ABORT, 'the account change trail is append-only'); END`,
    `CREATE TRIGGER account_changes_no_delete BEFORE DELETE ON account_changes
      BEGIN SELECT RAISE(ABORT, 'the account change trail is append-only'); END`,

    // Last admin guard: removing the admin role, or disabling an admin, may not leave no active admin.
    `CREATE TRIGGER last_admin_role AFTER DELETE ON user_roles
      WHEN OLD.role = 'admin' AND NOT EXISTS (
        SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'admin' AND u.disabled = 0)
      BEGIN SELECT RAISE(ABORT, 'LAST_ADMIN: the clinic would have no active admin'); END`,
    `CREATE TRIGGER last_admin_disabled AFTER UPDATE OF disabled ON users
      WHEN NEW.disabled = 1 AND OLD.disabled = 0
        AND EXISTS (SELECT 1 FROM user_roles WHERE user_id = NEW.id AND role = 'admin')
        AND NOT EXISTS (
          SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'admin' AND u.disabled = 0)
      BEGIN SELECT RAISE(ABORT, 'LAST_ADMIN: the clinic would have no active admin'); END`,
    `CREATE TRIGGER last_admin_deleted AFTER DELETE ON users
      WHEN EXISTS (SELECT 1 FROM user_roles WHERE user_id = OLD.id AND role = 'admin') AND NOT EXISTS (
        SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'admin' AND u.disabled = 0)
      BEGIN SELECT RAISE(ABORT, 'LAST_ADMIN: the clinic would have no active admin'); END`,
  ],
};
