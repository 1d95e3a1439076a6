import type { InStatement } from '@libsql/client';
import { pageLimit } from '../cursor.ts';
import type { SsoGroupRoles, SsoStore } from '../sso.ts';
import type { Db } from './db.ts';
import { int, text, textOrNull } from './rows.ts';

/** The stored mapping as JSON text, built by SQLite the same way `mappingJson` builds it in JS. */
const MAPPING_JSON = `(SELECT coalesce(json_group_object(group_name, json(roles)), '{}') FROM (
  SELECT group_name, json_group_array(role) AS roles FROM (
    SELECT group_name, role FROM sso_group_roles ORDER BY group_name, role)
  GROUP BY group_name ORDER BY group_name))`;

/** Groups and roles sorted as SQLite sorts them (BINARY; alike for all but astral characters), duplicates dropped. */
function normalise(mapping: SsoGroupRoles): SsoGroupRoles {
  const out: SsoGroupRoles = {};
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const group of Object.keys(mapping).sort(byCodePoint)) {
    const roles = [...new Set(mapping[group])].sort(byCodePoint);
    if (roles.length > 0) out[group] = roles;
  }
  return out;
}

export function ssoApi(db: Db): SsoStore {
  return {
    async findSsoIdentity({ issuer, subject }) {
      const rs = await db.client.execute({
        sql: 'SELECT user_id FROM sso_identities WHERE issuer = ? AND subject = ?',
        args: [issuer, subject],
      });
      return rs.rows[0] ? text(rs.rows[0], 'user_id') : null;
    },

    async hasSsoIdentity(userId) {
      const rs = await db.client.execute({
        sql: 'SELECT 1 FROM sso_identities WHERE user_id = ? LIMIT 1',
        args: [userId],
      });
      return rs.rows.length > 0;
    },

    async linkSsoIdentity({ issuer, subject, userId, at, reason }) {
      const rs = await db.client.batch(
        [
          {
            sql: `INSERT INTO sso_identities (issuer, subject, user_id, linked_at, linked_by)
                  VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
            args: [issuer, subject, userId, at, reason],
          },
          {
            sql: 'SELECT user_id FROM sso_identities WHERE issuer = ? AND subject = ?',
            args: [issuer, subject],
          },
        ],
        'write',
      );
      const row = rs[1]?.rows[0];
      if (!row) throw new Error('the identity link was not stored');
      return text(row, 'user_id');
    },

    async saveSsoLogin({ id, state, nonce, codeVerifier, at, expiresAt }) {
      await db.client.batch(
        [
          { sql: 'DELETE FROM sso_logins WHERE expires_at <= ?', args: [at] },
          {
            sql: `INSERT INTO sso_logins (id, state, nonce, code_verifier, created_at, expires_at)
                  VALUES (?, ?, ?, ?, ?, ?)`,
            args: [id, state, nonce, codeVerifier, at, expiresAt],
          },
        ],
        'write',
      );
    },

    async takeSsoLogin(id, now) {
      // One statement: of two callbacks racing with the same cookie, only one gets the row.
      const rs = await db.client.execute({
        sql: 'DELETE FROM sso_logins WHERE id = ? RETURNING state, nonce, code_verifier, expires_at',
        args: [id],
      });
      const row = rs.rows[0];
      if (!row || text(row, 'expires_at') <= now) return null;
      return {
        state: text(row, 'state'),
        nonce: text(row, 'nonce'),
        codeVerifier: text(row, 'code_verifier'),
      };
    },

    async getSsoGroupRoles() {
      const rs = await db.client.execute(`SELECT ${MAPPING_JSON} AS mapping`);
      return JSON.parse(text(rs.rows[0]!, 'mapping')) as SsoGroupRoles;
    },

    async setSsoGroupRoles({ mapping, actorId, at, expectedChange }) {
      const next = normalise(mapping);
      const nextJson = JSON.stringify(next);
      const inserts: InStatement[] = Object.entries(next).flatMap(([group, roles]) =>
        roles.map((role) => ({
          sql: 'INSERT INTO sso_group_roles (group_name, role) VALUES (?, ?)',
          args: [group, role],
        })),
      );
      // A newer trail row than the one the admin saw inserts a row without a time: the NOT NULL
      // constraint aborts the batch before anything is replaced.
      const guard: InStatement[] =
        expectedChange === undefined
          ? []
          : [
              {
                sql: `INSERT INTO sso_mapping_changes (at, actor_id, old_value, new_value)
                      SELECT NULL, NULL, '', '' WHERE coalesce((SELECT max(id) FROM sso_mapping_changes), 0) <> ?`,
                args: [expectedChange],
              },
            ];
      // The trail row reads the old mapping inside the same batch, so two admins saving at once
      // each record exactly what they replaced.
      let rs: Awaited<ReturnType<typeof db.client.batch>>;
      try {
        rs = await db.client.batch(
          [
            ...guard,
            {
              sql: `INSERT INTO sso_mapping_changes (at, actor_id, old_value, new_value)
                  SELECT ?, ?, old, ? FROM (SELECT ${MAPPING_JSON} AS old) WHERE old <> ?`,
              args: [at, actorId, nextJson, nextJson],
            },
            'DELETE FROM sso_group_roles',
            ...inserts,
          ],
          'write',
        );
      } catch (error) {
        if (
          expectedChange !== undefined &&
          String((error as Error)?.message ?? '').includes(
            'NOT NULL constraint failed: sso_mapping_changes.at',
          )
        )
          return 'changed-meanwhile';
        throw error;
      }
      return (rs[guard.length]?.rowsAffected ?? 0) > 0;
    },

    async listSsoMappingChanges(limit) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM sso_mapping_changes ORDER BY id DESC LIMIT ?',
        args: [pageLimit(limit, 100, 1000)],
      });
      return rs.rows.map((row) => ({
        id: int(row, 'id'),
        at: text(row, 'at'),
        actorId: textOrNull(row, 'actor_id'),
        oldValue: text(row, 'old_value'),
        newValue: text(row, 'new_value'),
      }));
    },
  };
}
