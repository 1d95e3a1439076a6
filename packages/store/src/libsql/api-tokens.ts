import { randomUUID } from 'node:crypto';
import type { Row } from '@libsql/client';
import { sha256Hex } from '../hash.ts';
import type { ApiToken, User } from '../records.ts';
import type { Store } from '../types.ts';
import { CredentialCache } from './credential-cache.ts';
import type { Db } from './db.ts';
import { flag, text, textOrNull } from './rows.ts';
import { joinedUser, newSecret, USER_JOIN } from './sessions.ts';

const COLUMNS =
  't.id, t.user_id, t.name, t.scope, t.created_at, t.expires_at, t.last_used_at, t.revoked, t.revoked_at, t.revoked_reason';

function toApiToken(row: Row): ApiToken {
  return {
    id: text(row, 'id'),
    userId: text(row, 'user_id'),
    name: text(row, 'name'),
    scope: text(row, 'scope') as ApiToken['scope'],
    createdAt: text(row, 'created_at'),
    // A token left without an expiry reads as already expired: it fails closed.
    expiresAt: textOrNull(row, 'expires_at') ?? '',
    lastUsedAt: textOrNull(row, 'last_used_at'),
    revoked: flag(row, 'revoked'),
    revokedAt: textOrNull(row, 'revoked_at'),
    revokedReason: textOrNull(row, 'revoked_reason'),
  };
}

/** What a token resolved to, as `findApiToken` answers. */
interface FoundToken {
  token: ApiToken;
  user: User;
  twoFactor: boolean;
}

type ApiTokenApi = Pick<
  Store,
  'createApiToken' | 'findApiToken' | 'getApiToken' | 'listApiTokens' | 'revokeApiToken' | 'touchApiToken'
>;

export function apiTokenApi(db: Db): ApiTokenApi {
  const cache = new CredentialCache<FoundToken>(db);
  return {
    async createApiToken({ userId, name, scope = 'act', expiresAt, at }) {
      const secret = newSecret('pft_');
      const token: ApiToken = {
        id: randomUUID(),
        userId,
        name,
        scope,
        createdAt: at ?? db.now(),
        expiresAt,
        lastUsedAt: null,
        revoked: false,
        revokedAt: null,
        revokedReason: null,
      };
      await db.client.execute({
        sql: `INSERT INTO api_tokens (id, user_id, token_hash, name, scope, created_at, expires_at, revoked)
              VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
        args: [token.id, userId, sha256Hex(secret), name, scope, token.createdAt, expiresAt],
      });
      return { secret, token };
    },

    async findApiToken(secret, now) {
      const hash = sha256Hex(secret);
      const epoch = await cache.epoch();
      let found = cache.get(hash, epoch);
      if (!found) {
        // One read: the token, its owner, and whether the owner has a confirmed second factor.
        const rs = await db.client.execute({
          sql: `SELECT ${COLUMNS}, ${USER_JOIN}, ts.confirmed_at AS totp_confirmed_at
                FROM api_tokens t JOIN users u ON u.id = t.user_id
                LEFT JOIN totp_secrets ts ON ts.user_id = t.user_id
                WHERE t.token_hash = ?`,
          args: [hash],
        });
        const row = rs.rows[0];
        if (!row || flag(row, 'disabled')) return null;
        found = {
          token: toApiToken(row),
          user: joinedUser(row),
          twoFactor: textOrNull(row, 'totp_confirmed_at') !== null,
        };
        if (found.token.revoked) return null;
        cache.set(hash, epoch, found.token.id, found);
      }
      // Expiry is a time, not a change: checked on every use, kept or not.
      if (found.token.expiresAt <= (now ?? db.now())) return null;
      return {
        token: { ...found.token },
        user: { ...found.user, roles: [...found.user.roles] },
        twoFactor: found.twoFactor,
      };
    },

    async getApiToken(id) {
      const rs = await db.client.execute({
        sql: `SELECT ${COLUMNS} FROM api_tokens t WHERE t.id = ?`,
        args: [id],
      });
      return rs.rows[0] ? toApiToken(rs.rows[0]) : null;
    },

    async listApiTokens(userId) {
      const rs = await db.client.execute({
        sql: `SELECT ${COLUMNS} FROM api_tokens t WHERE t.user_id = ? ORDER BY t.created_at DESC, t.id`,
        args: [userId],
      });
      return rs.rows.map(toApiToken);
    },

    async revokeApiToken(id, { at, reason } = {}) {
      const rs = await db.client.execute({
        sql: 'UPDATE api_tokens SET revoked = 1, revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked = 0',
        args: [at ?? db.now(), reason ?? null, id],
      });
      return rs.rowsAffected === 1;
    },

    async touchApiToken(id, at) {
      const rs = await db.client.execute({
        sql: 'UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND revoked = 0',
        args: [at, id],
      });
      if (rs.rowsAffected === 1)
        cache.update(id, (found) => ({ ...found, token: { ...found.token, lastUsedAt: at } }));
      return rs.rowsAffected === 1;
    },
  };
}
