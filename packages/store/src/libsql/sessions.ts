import { randomBytes } from 'node:crypto';
import type { Row } from '@libsql/client';
import { sha256Hex } from '../hash.ts';
import type { Session, User } from '../records.ts';
import type { Store } from '../types.ts';
import { CredentialCache } from './credential-cache.ts';
import type { Db } from './db.ts';
import { flag, text } from './rows.ts';
import { revokeAccessStatements } from './users.ts';

/**
 * A kept session is used only while its last-seen time is this recent. The server notes a session's
 * use at most once a minute, so within this window no other process can have noted a later one.
 */
const SESSION_KEPT_MS = 60_000;

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
  'createSession' | 'getSession' | 'touchSession' | 'revokeSession' | 'revokeUserAccess'
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
  const cache = new CredentialCache<{ session: Session; user: User }>(db);
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
      const id = sha256Hex(secret);
      const at = now ?? db.now();
      const epoch = await cache.epoch();
      let found = cache.get(id, epoch);
      // Another process may have noted a later use since this copy was read, but only once it was
      // older than SESSION_KEPT_MS: a copy that old is read again, so idle time is never overstated.
      if (found && Date.parse(at) - Date.parse(found.session.lastSeenAt) >= SESSION_KEPT_MS) found = null;
      if (!found) {
        const rs = await db.client.execute({
          sql: `SELECT s.*, ${USER_JOIN} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
          args: [id],
        });
        const row = rs.rows[0];
        if (!row || flag(row, 'disabled')) return null;
        found = { session: toSession(row), user: joinedUser(row) };
        if (found.session.revoked) return null;
        cache.set(id, epoch, id, found);
      }
      if (found.session.expiresAt <= at) return null;
      return { session: { ...found.session }, user: { ...found.user, roles: [...found.user.roles] } };
    },

    async touchSession(id, { at, expiresAt }) {
      const rs = await db.client.execute({
        sql: 'UPDATE sessions SET last_seen_at = ?, expires_at = coalesce(?, expires_at) WHERE id = ? AND revoked = 0',
        args: [at, expiresAt ?? null, id],
      });
      if (rs.rowsAffected === 1)
        cache.update(id, (found) => ({
          ...found,
          session: { ...found.session, lastSeenAt: at, expiresAt: expiresAt ?? found.session.expiresAt },
        }));
      return rs.rowsAffected === 1;
    },

    async revokeSession(id) {
      const rs = await db.client.execute({
        sql: 'UPDATE sessions SET revoked = 1 WHERE id = ? AND revoked = 0',
        args: [id],
      });
      return rs.rowsAffected === 1;
    },

    async revokeUserAccess(userId, { at, reason }) {
      const [sessions, tokens] = await db.client.batch(revokeAccessStatements(userId, at, reason), 'write');
      return { sessions: sessions!.rowsAffected, tokens: tokens!.rowsAffected };
    },
  };
}
