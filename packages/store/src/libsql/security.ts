import { randomBytes, randomUUID } from 'node:crypto';
import type { Row } from '@libsql/client';
import { pageLimit } from '../cursor.ts';
import { sha256Hex } from '../hash.ts';
import type { Device, EmergencyAccess, SecurityStore, TotpRecord } from '../security.ts';
import type { Db } from './db.ts';
import { Conditions, int, text, textOrNull } from './rows.ts';

function toTotp(row: Row): TotpRecord {
  return {
    userId: text(row, 'user_id'),
    secret: text(row, 'secret'),
    createdAt: text(row, 'created_at'),
    confirmedAt: textOrNull(row, 'confirmed_at'),
    lastStep: row.last_step === null ? null : int(row, 'last_step'),
  };
}

function toDevice(row: Row): Device {
  return {
    id: text(row, 'id'),
    userId: text(row, 'user_id'),
    createdAt: text(row, 'created_at'),
    lastSeenAt: text(row, 'last_seen_at'),
    expiresAt: text(row, 'expires_at'),
    totpUntil: textOrNull(row, 'totp_until'),
  };
}

function toGrant(row: Row): EmergencyAccess {
  return {
    id: text(row, 'id'),
    userId: text(row, 'user_id'),
    reason: text(row, 'reason'),
    grantedAt: text(row, 'granted_at'),
    expiresAt: text(row, 'expires_at'),
    endedAt: textOrNull(row, 'ended_at'),
  };
}

export function securityApi(db: Db): SecurityStore {
  return {
    async setTotpSecret({ userId, secret, at }) {
      await db.client.batch(
        [
          { sql: 'DELETE FROM recovery_codes WHERE user_id = ?', args: [userId] },
          {
            sql: `INSERT INTO totp_secrets (user_id, secret, created_at, confirmed_at, last_step) VALUES (?, ?, ?, NULL, NULL)
                  ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at,
                  confirmed_at = NULL, last_step = NULL`,
            args: [userId, secret, at],
          },
        ],
        'write',
      );
    },

    async getTotp(userId) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM totp_secrets WHERE user_id = ?',
        args: [userId],
      });
      return rs.rows[0] ? toTotp(rs.rows[0]) : null;
    },

    async acceptTotpStep(userId, step, confirm) {
      // One conditional write: of two requests with the same code, only one moves last_step.
      const rs = await db.client.execute({
        sql: `UPDATE totp_secrets SET last_step = ?, confirmed_at = coalesce(confirmed_at, ?)
              WHERE user_id = ? AND (last_step IS NULL OR last_step < ?)`,
        args: [step, confirm?.at ?? null, userId, step],
      });
      return rs.rowsAffected === 1;
    },

    async resetTotp(userId) {
      await db.client.batch(
        [
          { sql: 'DELETE FROM recovery_codes WHERE user_id = ?', args: [userId] },
          { sql: 'DELETE FROM totp_secrets WHERE user_id = ?', args: [userId] },
          { sql: 'UPDATE devices SET totp_until = NULL WHERE user_id = ?', args: [userId] },
        ],
        'write',
      );
    },

    async replaceRecoveryCodes({ userId, hashes, at }) {
      await db.client.batch(
        [
          { sql: 'DELETE FROM recovery_codes WHERE user_id = ?', args: [userId] },
          ...hashes.map((hash) => ({
            sql: 'INSERT INTO recovery_codes (user_id, code_hash, created_at, used_at) VALUES (?, ?, ?, NULL)',
            args: [userId, hash, at],
          })),
        ],
        'write',
      );
    },

    async useRecoveryCode({ userId, hash, at }) {
      const rs = await db.client.execute({
        sql: 'UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL',
        args: [at, userId, hash],
      });
      return rs.rowsAffected === 1;
    },

    async unusedRecoveryCodes(userId) {
      const rs = await db.client.execute({
        sql: 'SELECT count(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL',
        args: [userId],
      });
      return int(rs.rows[0]!, 'n');
    },

    async createDevice({ userId, ttlMs, at, totpUntil }) {
      const secret = randomBytes(32).toString('base64url');
      const device: Device = {
        id: sha256Hex(secret),
        userId,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date(Date.parse(at) + ttlMs).toISOString(),
        totpUntil: totpUntil ?? null,
      };
      await db.client.execute({
        sql: 'INSERT INTO devices (id, user_id, created_at, last_seen_at, expires_at, totp_until) VALUES (?, ?, ?, ?, ?, ?)',
        args: [device.id, userId, at, at, device.expiresAt, device.totpUntil],
      });
      return { secret, device };
    },

    async getDevice(secret, now) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM devices WHERE id = ? AND expires_at > ?',
        args: [sha256Hex(secret), now],
      });
      return rs.rows[0] ? toDevice(rs.rows[0]) : null;
    },

    async touchDevice(id, { at, totpUntil }) {
      const rs = await db.client.execute({
        sql:
          totpUntil === undefined
            ? 'UPDATE devices SET last_seen_at = ? WHERE id = ?'
            : 'UPDATE devices SET last_seen_at = ?, totp_until = ? WHERE id = ?',
        args: totpUntil === undefined ? [at, id] : [at, totpUntil, id],
      });
      return rs.rowsAffected === 1;
    },

    async grantEmergencyAccess({ userId, reason, at, expiresAt }) {
      const grant: EmergencyAccess = {
        id: randomUUID(),
        userId,
        reason,
        grantedAt: at,
        expiresAt,
        endedAt: null,
      };
      await db.client.execute({
        sql: 'INSERT INTO emergency_access (id, user_id, reason, granted_at, expires_at, ended_at) VALUES (?, ?, ?, ?, ?, NULL)',
        args: [grant.id, userId, reason, at, expiresAt],
      });
      return grant;
    },

    async activeEmergencyAccess(userId, now) {
      const rs = await db.client.execute({
        sql: `SELECT * FROM emergency_access WHERE user_id = ? AND granted_at <= ? AND expires_at > ? AND ended_at IS NULL
              ORDER BY expires_at DESC LIMIT 1`,
        args: [userId, now, now],
      });
      return rs.rows[0] ? toGrant(rs.rows[0]) : null;
    },

    async endEmergencyAccess({ id, userId, at }) {
      const rs = await db.client.execute({
        sql: 'UPDATE emergency_access SET ended_at = ? WHERE id = ? AND user_id = ? AND ended_at IS NULL AND expires_at > ?',
        args: [at, id, userId, at],
      });
      return rs.rowsAffected === 1;
    },

    async listEmergencyAccess(query = {}) {
      const where = new Conditions();
      if (query.userId !== undefined) where.add('user_id = ?', query.userId);
      if (query.from !== undefined) where.add('granted_at >= ?', query.from);
      const rs = await db.client.execute({
        sql: `SELECT * FROM emergency_access ${where.parts.length ? `WHERE ${where.parts.join(' AND ')}` : ''}
              ORDER BY granted_at DESC, id LIMIT ?`,
        args: [...where.args, pageLimit(query.limit, 100, 1000)],
      });
      return rs.rows.map(toGrant);
    },
  };
}
