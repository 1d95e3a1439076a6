import type { Row } from '@libsql/client';
import type { IntakeKey, IntakeKeyChange, IntakeKeyStore } from '../intake.ts';
import type { Db } from './db.ts';
import { int, text, textOrNull } from './rows.ts';

const COLUMNS = 'id, workflow_id, created_by, created_at, last_used_at, revoked_at, revoked_by';
const TRAIL = 'INSERT INTO intake_key_changes (at, actor_id, key_id, workflow_id, what)';

function toKey(row: Row): IntakeKey {
  return {
    id: text(row, 'id'),
    workflowId: text(row, 'workflow_id'),
    createdBy: textOrNull(row, 'created_by'),
    createdAt: text(row, 'created_at'),
    lastUsedAt: textOrNull(row, 'last_used_at'),
    revokedAt: textOrNull(row, 'revoked_at'),
    revokedBy: textOrNull(row, 'revoked_by'),
  };
}

function toChange(row: Row): IntakeKeyChange {
  return {
    id: int(row, 'id'),
    at: text(row, 'at'),
    actorId: textOrNull(row, 'actor_id'),
    keyId: text(row, 'key_id'),
    workflowId: text(row, 'workflow_id'),
    what: text(row, 'what') as IntakeKeyChange['what'],
  };
}

export function intakeKeyApi(db: Db): IntakeKeyStore {
  const get = async (id: string) => {
    const rs = await db.client.execute({
      sql: `SELECT ${COLUMNS} FROM intake_keys WHERE id = ?`,
      args: [id],
    });
    return rs.rows[0] ? toKey(rs.rows[0]) : null;
  };
  return {
    async createIntakeKey({ id, workflowId, sealedSecret, actorId, at }) {
      await db.client.batch(
        [
          {
            sql: `INSERT INTO intake_keys (id, workflow_id, sealed_secret, created_by, created_at)
                  VALUES (?, ?, ?, ?, ?)`,
            args: [id, workflowId, sealedSecret, actorId, at],
          },
          { sql: `${TRAIL} VALUES (?, ?, ?, ?, 'created')`, args: [at, actorId, id, workflowId] },
        ],
        'write',
      );
      return (await get(id))!;
    },

    getIntakeKey: get,

    async listIntakeKeys(workflowId) {
      const rs = await db.client.execute({
        sql: `SELECT ${COLUMNS} FROM intake_keys ${workflowId === undefined ? '' : 'WHERE workflow_id = ?'}
              ORDER BY created_at DESC, id LIMIT 1000`,
        args: workflowId === undefined ? [] : [workflowId],
      });
      return rs.rows.map(toKey);
    },

    async activeIntakeSecrets(workflowId) {
      const rs = await db.client.execute({
        sql: `SELECT id, sealed_secret FROM intake_keys WHERE workflow_id = ? AND revoked_at IS NULL
              ORDER BY created_at DESC, id`,
        args: [workflowId],
      });
      return rs.rows.map((row) => ({ id: text(row, 'id'), sealedSecret: text(row, 'sealed_secret') }));
    },

    async revokeIntakeKey(id, { actorId, at }) {
      // The trail line is written only by the statement that actually revoked the key.
      const rs = await db.client.batch(
        [
          {
            sql: 'UPDATE intake_keys SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL',
            args: [at, actorId, id],
          },
          {
            sql: `${TRAIL} SELECT ?, ?, id, workflow_id, 'revoked' FROM intake_keys WHERE id = ? AND changes() = 1`,
            args: [at, actorId, id],
          },
        ],
        'write',
      );
      return rs[0]!.rowsAffected === 1;
    },

    async touchIntakeKey(id, at) {
      await db.client.execute({
        sql: 'UPDATE intake_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
        args: [at, id, at],
      });
    },

    async listIntakeKeyChanges(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 200, 1), 5000);
      const rs = await db.client.execute({
        sql: `SELECT * FROM intake_key_changes ${query.keyId === undefined ? '' : 'WHERE key_id = ?'}
              ORDER BY id DESC LIMIT ?`,
        args: [...(query.keyId === undefined ? [] : [query.keyId]), limit],
      });
      return rs.rows.map(toChange);
    },
  };
}
