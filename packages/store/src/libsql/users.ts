import { randomUUID } from 'node:crypto';
import type { InStatement, Row } from '@libsql/client';
import type { User, UserWithPassword } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { flag, text } from './rows.ts';

const USER_COLUMNS = 'id, username, display_name, disabled, created_at';

export function toUser(row: Row, roles: string[]): User {
  return {
    id: text(row, 'id'),
    username: text(row, 'username'),
    displayName: text(row, 'display_name'),
    disabled: flag(row, 'disabled'),
    createdAt: text(row, 'created_at'),
    roles,
  };
}

/**
 * Ends every session and API token of an account, in the batch of the change that calls for it
 * (disabling; a new password, new roles or a reset second factor through `revokeUserAccess`).
 */
export function revokeAccessStatements(userId: string, at: string, reason: string): InStatement[] {
  return [
    { sql: 'UPDATE sessions SET revoked = 1 WHERE user_id = ? AND revoked = 0', args: [userId] },
    {
      sql: 'UPDATE api_tokens SET revoked = 1, revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked = 0',
      args: [at, reason, userId],
    },
  ];
}

type UserApi = Pick<
  Store,
  | 'createUser'
  | 'getUser'
  | 'findUserByUsername'
  | 'listUsers'
  | 'updateUser'
  | 'setUserRoles'
  | 'disableUser'
>;

export async function rolesOf(db: Db, userId: string): Promise<string[]> {
  const rs = await db.client.execute({
    sql: 'SELECT role FROM user_roles WHERE user_id = ? ORDER BY role',
    args: [userId],
  });
  return rs.rows.map((r) => text(r, 'role'));
}

export function userApi(db: Db): UserApi {
  const getUser = async (id: string) => {
    const rs = await db.client.execute({ sql: `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, args: [id] });
    return rs.rows[0] ? toUser(rs.rows[0], await rolesOf(db, id)) : null;
  };

  // Only the roles that go are deleted (never delete-all-then-insert), so the last admin guard sees
  // the real change and an admin whose roles are re-saved unchanged is not refused.
  const setRoles = (id: string, roles: readonly string[]): InStatement[] => {
    const keep = [...new Set(roles)];
    return [
      {
        sql: `DELETE FROM user_roles WHERE user_id = ?${keep.length ? ` AND role NOT IN (${keep.map(() => '?').join(', ')})` : ''}`,
        args: [id, ...keep],
      },
      {
        sql: 'SELECT 1 FROM users WHERE id = ?',
        args: [id],
      },
      ...keep.map((role) => ({
        sql: `INSERT INTO user_roles (user_id, role, assigned_at) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM users WHERE id = ?)
              ON CONFLICT DO NOTHING`,
        args: [id, role, db.now(), id],
      })),
    ];
  };

  return {
    getUser,

    async createUser(input) {
      const id = input.id ?? randomUUID();
      const rs = await db.client.batch(
        [
          {
            sql: `INSERT INTO users (id, username, password_hash, display_name, disabled, created_at)
                  VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING`,
            args: [
              id,
              input.username,
              input.passwordHash,
              input.displayName ?? input.username,
              input.at ?? db.now(),
            ],
          },
          // Only if this batch created the user: the id is fresh, so the username matching proves it.
          ...(input.roles ?? []).map((role) => ({
            sql: `INSERT INTO user_roles (user_id, role, assigned_at) SELECT ?, ?, ?
                  WHERE EXISTS (SELECT 1 FROM users WHERE id = ? AND username = ?) ON CONFLICT DO NOTHING`,
            args: [id, role, input.at ?? db.now(), id, input.username],
          })),
        ],
        'write',
      );
      if (rs[0]?.rowsAffected !== 1) {
        return {
          ok: false,
          reason: input.id !== undefined && (await getUser(id)) ? 'id-taken' : 'username-taken',
        };
      }
      return { ok: true, user: (await getUser(id))! };
    },

    async findUserByUsername(username) {
      const rs = await db.client.execute({
        sql: `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE username = ?`,
        args: [username],
      });
      const row = rs.rows[0];
      if (!row) return null;
      const user: UserWithPassword = {
        ...toUser(row, await rolesOf(db, text(row, 'id'))),
        passwordHash: text(row, 'password_hash'),
      };
      return user;
    },

    async listUsers() {
      const [users, roles] = await Promise.all([
        db.client.execute(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`),
        db.client.execute('SELECT user_id, role FROM user_roles ORDER BY role'),
      ]);
      const byUser = new Map<string, string[]>();
      for (const r of roles.rows) {
        const id = text(r, 'user_id');
        byUser.set(id, [...(byUser.get(id) ?? []), text(r, 'role')]);
      }
      return users.rows.map((row) => toUser(row, byUser.get(text(row, 'id')) ?? []));
    },

    async updateUser(id, patch) {
      const statements: InStatement[] = [];
      if (patch.displayName !== undefined)
        statements.push({
          sql: 'UPDATE users SET display_name = ? WHERE id = ?',
          args: [patch.displayName, id],
        });
      if (patch.passwordHash !== undefined)
        statements.push({
          sql: 'UPDATE users SET password_hash = ? WHERE id = ?',
          args: [patch.passwordHash, id],
        });
      if (patch.disabled !== undefined) {
        statements.push({
          sql: 'UPDATE users SET disabled = ? WHERE id = ?',
          args: [patch.disabled ? 1 : 0, id],
        });
        if (patch.disabled) statements.push(...revokeAccessStatements(id, db.now(), 'disabled'));
      }
      if (statements.length > 0) await db.client.batch(statements, 'write');
      return getUser(id);
    },

    async setUserRoles(id, roles) {
      const rs = await db.client.batch(setRoles(id, roles), 'write');
      return rs[1]!.rows.length === 1;
    },

    async disableUser(id) {
      const rs = await db.client.batch(
        [
          { sql: 'UPDATE users SET disabled = 1 WHERE id = ?', args: [id] },
          ...revokeAccessStatements(id, db.now(), 'disabled'),
        ],
        'write',
      );
      return rs[0]?.rowsAffected === 1;
    },
  };
}
