import type { Migration } from './migration.ts';

const BUMP = 'BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END';

/**
 * One counter that every change to who a credential stands for moves: a session ended or moved to
 * another sign-in stage, a token revoked, expired early or re-scoped, an account disabled, renamed or
 * deleted, a role given or taken, a second factor set up or removed. A process may keep what a session
 * or token resolved to only while the counter is unchanged, so what it keeps ends with the revocation
 * in every process on the file, whichever wrote it. Triggers move it, not the code that writes, so no
 * write path can forget. Only the times written as credentials are used (a session's last-seen time, a
 * token's last-used time, a second factor's last accepted step) leave it alone.
 */
export const authEpoch: Migration = {
  version: 19,
  name: 'auth-epoch',
  statements: [
    'CREATE TABLE auth_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL) STRICT',
    'INSERT INTO auth_epoch (id, n) VALUES (1, 0)',
    // A session's use writes last_seen_at (and may name expires_at unchanged): only a real change counts.
    `CREATE TRIGGER auth_epoch_session_changed AFTER UPDATE ON sessions
      WHEN OLD.id IS NOT NEW.id OR OLD.user_id IS NOT NEW.user_id OR OLD.created_at IS NOT NEW.created_at
        OR OLD.expires_at IS NOT NEW.expires_at OR OLD.revoked IS NOT NEW.revoked OR OLD.stage IS NOT NEW.stage
      ${BUMP}`,
    `CREATE TRIGGER auth_epoch_session_deleted AFTER DELETE ON sessions ${BUMP}`,
    `CREATE TRIGGER auth_epoch_token_changed AFTER UPDATE OF
      id, user_id, token_hash, name, scope, created_at, expires_at, revoked, revoked_at, revoked_reason
      ON api_tokens ${BUMP}`,
    `CREATE TRIGGER auth_epoch_token_deleted AFTER DELETE ON api_tokens ${BUMP}`,
    `CREATE TRIGGER auth_epoch_user_changed AFTER UPDATE ON users ${BUMP}`,
    `CREATE TRIGGER auth_epoch_user_deleted AFTER DELETE ON users ${BUMP}`,
    `CREATE TRIGGER auth_epoch_role_added AFTER INSERT ON user_roles ${BUMP}`,
    `CREATE TRIGGER auth_epoch_role_changed AFTER UPDATE ON user_roles ${BUMP}`,
    `CREATE TRIGGER auth_epoch_role_removed AFTER DELETE ON user_roles ${BUMP}`,
    `CREATE TRIGGER auth_epoch_factor_added AFTER INSERT ON totp_secrets ${BUMP}`,
    `CREATE TRIGGER auth_epoch_factor_changed AFTER UPDATE OF user_id, secret, created_at, confirmed_at
      ON totp_secrets ${BUMP}`,
    `CREATE TRIGGER auth_epoch_factor_removed AFTER DELETE ON totp_secrets ${BUMP}`,
  ],
};
