import type { Migration } from './migration.ts';

const BUMP = 'BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END';

/**
 * One counter that every change to who a credential stands for moves: a token revoked, expired early
 * or re-scoped, an account disabled, renamed or deleted, a role given or taken, a second factor set up
 * or removed. A process may keep what a token resolved to only while the counter is unchanged, so a
 * cache of tokens ends with the revocation in every process on the file, whichever wrote it. Triggers
 * move it, not the code that writes, so no write path can forget. Only a token's last-used time and a
 * second factor's last accepted step (written as they are used) leave it alone.
 */
export const authEpoch: Migration = {
  version: 19,
  name: 'auth-epoch',
  statements: [
    'CREATE TABLE auth_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL) STRICT',
    'INSERT INTO auth_epoch (id, n) VALUES (1, 0)',
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
