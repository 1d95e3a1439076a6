import { randomBytes, randomUUID } from 'node:crypto';
import type { Row } from '@libsql/client';
import { sha256Hex } from '../hash.ts';
import type { ApiToken, Session, User } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { flag, text } from './rows.ts';
import { rolesOf } from './users.ts';

// Secrets carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
const newSecret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

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

function toApiToken(row: Row): ApiToken {
  return {
    id: text(row, 'id'),
    userId: text(row, 'user_id'),
    name: text(row, 'name'),
    createdAt: text(row, 'created_at'),
    revoked: flag(row, 'revoked'),
  };
}

type SessionApi = Pick<
  Store,
  | 'createSession'
  | 'getSession'
  | 'touchSession'
  | 'revokeSession'
  | 'revokeUserSessions'
  | 'createApiToken'
  | 'findApiToken'
  | 'listApiTokens'
  | 'revokeApiToken'
>;

const USER_JOIN = 'u.id AS u_id, u.username, u.display_name, u.disabled, u.created_at AS u_created_at';

function joinedUser(row: Row, roles: string[]): User {
  return {
    id: text(row, 'u_id'),
    username: text(row, 'username'),
    displayName: text(row, 'display_name'),
    disabled: flag(row, 'disabled'),
    createdAt: text(row, 'u_created_at'),
    roles,
  };
}

export function sessionApi(db: Db): SessionApi {
  return {
    async createSession({ userId, ttlMs, at, stage = 'full' }) {
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
        sql: 'INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked, stage) VALUES (?, ?, ?, ?, ?, 0, ?)',
        args: [session.id, userId, now, now, session.expiresAt, stage],
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
      return { session, user: joinedUser(row, await rolesOf(db, session.userId)) };
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

    async createApiToken({ userId, name, at }) {
      const secret = newSecret('pft_');
      const token: ApiToken = { id: randomUUID(), userId, name, createdAt: at ?? db.now(), revoked: false };
      await db.client.execute({
        sql: 'INSERT INTO api_tokens (id, user_id, token_hash, name, created_at, revoked) VALUES (?, ?, ?, ?, ?, 0)',
        args: [token.id, userId, sha256Hex(secret), name, token.createdAt],
      });
      return { secret, token };
    },

    async findApiToken(secret) {
      const rs = await db.client.execute({
        sql: `SELECT t.id, t.user_id, t.name, t.created_at, t.revoked, ${USER_JOIN}
              FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
        args: [sha256Hex(secret)],
      });
      const row = rs.rows[0];
      if (!row) return null;
      const token = toApiToken(row);
      if (token.revoked || flag(row, 'disabled')) return null;
      return { token, user: joinedUser(row, await rolesOf(db, token.userId)) };
    },

    async listApiTokens(userId) {
      const rs = await db.client.execute({
        sql: 'SELECT id, user_id, name, created_at, revoked FROM api_tokens WHERE user_id = ? ORDER BY created_at, id',
        args: [userId],
      });
      return rs.rows.map(toApiToken);
    },

    async revokeApiToken(id) {
      const rs = await db.client.execute({
        sql: 'UPDATE api_tokens SET revoked = 1 WHERE id = ? AND revoked = 0',
        args: [id],
      });
      return rs.rowsAffected === 1;
    },
  };
}
