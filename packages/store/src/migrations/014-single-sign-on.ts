import type { Migration } from './migration.ts';

/**
 * Single sign-on with an OpenID Provider: which provider identity (`issuer` + `sub`) is which local
 * account; the sign-ins under way (state, nonce and PKCE verifier kept on the server, keyed by the
 * SHA-256 of the secret in the browser's cookie, each used once); the admin-edited mapping of the
 * provider's groups to roles, and its append-only trail of changes (old → new).
 */
export const singleSignOn: Migration = {
  // Number 17 in the full sequence; this branch has no 14–16 yet, so it sits at 14 until they land.
  version: 14,
  name: 'single-sign-on',
  statements: [
    `CREATE TABLE sso_identities (
      issuer TEXT NOT NULL,
      subject TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users (id),
      linked_at TEXT NOT NULL,
      linked_by TEXT NOT NULL,
      PRIMARY KEY (issuer, subject)
    ) STRICT`,
    'CREATE INDEX sso_identities_by_user ON sso_identities (user_id)',

    `CREATE TABLE sso_logins (
      id TEXT PRIMARY KEY,
      state TEXT NOT NULL,
      nonce TEXT NOT NULL,
      code_verifier TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT`,

    `CREATE TABLE sso_group_roles (
      group_name TEXT NOT NULL,
      role TEXT NOT NULL,
      PRIMARY KEY (group_name, role)
    ) STRICT`,

    `CREATE TABLE sso_mapping_changes (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT,
      old_value TEXT NOT NULL,
      new_value TEXT NOT NULL
    ) STRICT`,
    `CREATE TRIGGER sso_mapping_changes_no_update BEFORE UPDATE ON sso_mapping_changes
      BEGIN SELECT RAISE(ABORT, 'the group mapping trail is append-only'); END`,
    `CREATE TRIGGER sso_mapping_changes_no_delete BEFORE DELETE ON sso_mapping_changes
      BEGIN SELECT RAISE(ABORT, 'the group mapping trail is append-only'); END`,
  ],
};
