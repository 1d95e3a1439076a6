import { randomBytes } from 'node:crypto';
import type { Row } from '@libsql/client';
import { sha256Hex } from '../hash.ts';
import type { Session, User } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { flag, text } from './rows.ts';
import { revokeAccessStatements } from './users.ts';

// Secrets carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
export const newSecret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

function toSession(row: Row): Session {
  return {
    id: text(row, 'id'),
    userId: text(row, 'user_id'),
    createdAt: text(row, 'created_at'),
    lastSeenAt: text(row, 'last_seen_at'),
    expiresAt: text(row, 'expires_at'),
    revoked: flag(row, 'revoked'),
    stage: text(row, 'stage') as Session['stage'],
  };
}

type SessionApi = Pick<
  Store,
  | 'createSession'
  | 'getSession'
  | 'touchSession'
  | 'revokeSession'
  | 'revokeUserSessions'
  | 'revokeUserAccess'
>;

/** The user columns of a session or token lookup, roles included: every request is one read. */
export const USER_JOIN = `u.id AS u_id, u.username, u.display_name, u.disabled, u.created_at AS u_created_at,
  (SELECT json_group_array(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id) AS u_roles`;

export function joinedUser(row: Row): User {
  return {
    id: text(row, 'u_id'),
    username: text(row, 'username'),
    displayName: text(row, 'display_name'),
    disabled: flag(row, 'disabled'),
    createdAt: text(row, 'u_created_at'),
    roles: JSON.parse(text(row, 'u_roles')) as string[],
  };
}

export function sessionApi(db: Db): SessionApi {
  return {
    async createSession({ userId, ttlMs, at, stage = 'full', clientHint = null }) {
      const secret = newSecret();
      const now = at ?? db.now();
      const session: Session = {
        id: sha256Hex(secret),
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(Date.parse(now) + ttlMs).toISOString(),
        revoked: false,
        stage,
      };
      await db.client.execute({
        sql: 'INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked, stage, client_hint) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
        args: [session.id, userId, now, now, session.expiresAt, stage, clientHint],
      });
      return { secret, session };
    },

    async getSession(secret, now) {
      const rs = await db.client.execute({
        sql: `SELECT s.*, ${USER_JOIN} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
        args: [sha256Hex(secret)],
      });
      const row = rs.rows[0];
      if (!row) return null;
      const session = toSession(row);
      if (session.revoked || flag(row, 'disabled') || session.expiresAt <= (now ?? db.now())) return null;
      return { session, user: joinedUser(row) };
    },

    async touchSession(id, { at, expiresAt }) {
      const rs = await db.client.execute({
        sql: 'UPDATE sessions SET last_seen_at = ?, expires_at = coalesce(?, expires_at) WHERE id = ? AND revoked = 0',
        args: [at, expiresAt ?? null, id],
      });
      return rs.rowsAffected === 1;
    },

    async revokeSession(id) {
      const rs = await db.client.execute({
        sql: 'UPDATE sessions SET revoked = 1 WHERE id = ? AND revoked = 0',
        args: [id],
      });
      return rs.rowsAffected === 1;
    },

    async revokeUserSessions(userId) {
      const rs = await db.client.execute({
        sql: 'UPDATE sessions SET revoked = 1 WHERE user_id = ? AND revoked = 0',
        args: [userId],
      });
      return rs.rowsAffected;
    },

    async revokeUserAccess(userId, { at, reason }) {
      const [sessions, tokens] = await db.client.batch(revokeAccessStatements(userId, at, reason), 'write');
      return { sessions: sessions!.rowsAffected, tokens: tokens!.rowsAffected };
    },
  };
}
