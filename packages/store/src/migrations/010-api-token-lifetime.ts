import type { Migration } from './migration.ts';

/**
 * API tokens end: each has a scope (`read` or `act`), an expiry, when it was last used, and when and
 * why it was revoked. Tokens made before this migration keep the power they had (`act`) but are given
 * an expiry 30 days (the server's default lifetime) from the moment the migration runs, instead of
 * staying valid for ever; a token without an expiry is refused (fail closed).
 */
export const apiTokenLifetime: Migration = {
  version: 10,
  name: 'api-token-lifetime',
  statements: [
    `ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'act' CHECK (scope IN ('read', 'act'))`,
    // ADD COLUMN takes no computed default: the column is added, then filled for the existing rows.
    'ALTER TABLE api_tokens ADD COLUMN expires_at TEXT',
    `UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+30 days') WHERE expires_at IS NULL`,
    'ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT',
    'ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT',
    // Why: `owner`, `admin`, or the account change that ended it (`password`, `roles`, `two-factor`, `disabled`).
    'ALTER TABLE api_tokens ADD COLUMN revoked_reason TEXT',
  ],
};
