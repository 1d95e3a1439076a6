import type { Client, Row } from '@libsql/client';
import { canonicalJson } from '@portalflow/engine';
import { GENESIS_HASH, hashInput, sha256Hex } from '@portalflow/store';
import type { Prng } from './prng.ts';

/**
 * Ways an attacker with the database file edits history: straight SQL with the append-only triggers
 * dropped, with or without re-hashing the chain and fixing the instance row afterwards.
 */
export const TAMPER_KINDS = [
  'edit-field',
  'edit-field-rehash',
  'edit-hash',
  'delete-middle',
  'delete-tail',
  'delete-instance',
  'reorder',
  'reorder-rehash',
  'insert-rehash',
] as const;
export type TamperKind = (typeof TAMPER_KINDS)[number];

export async function dropGuards(client: Client): Promise<void> {
  await client.execute('DROP TRIGGER IF EXISTS events_no_update');
  await client.execute('DROP TRIGGER IF EXISTS events_no_delete');
  // Deleting a whole instance takes its access-log rows with it.
  await client.execute('DROP TRIGGER IF EXISTS access_log_no_delete');
  await client.execute('PRAGMA foreign_keys = OFF');
}

const rowsOf = async (client: Client, instanceId: string): Promise<Row[]> =>
  (
    await client.execute({
      sql: 'SELECT * FROM events WHERE instance_id = ? ORDER BY seq',
      args: [instanceId],
    })
  ).rows;

/** Re-computes every link and hash of the instance's chain and points the instance row at the new head. */
export async function rehash(client: Client, instanceId: string): Promise<void> {
  const rows = await rowsOf(client, instanceId);
  let prev = GENESIS_HASH;
  const statements = [];
  for (const row of rows) {
    const payload = canonicalJson(JSON.parse(String(row.payload)));
    const fields = {
      instanceId,
      seq: Number(row.seq),
      at: String(row.at),
      actor: row.actor === null ? null : String(row.actor),
      role: row.role === null ? null : String(row.role),
      type: String(row.type),
      prevHash: prev,
    };
    const hash = sha256Hex(hashInput(fields, payload));
    statements.push({
      sql: 'UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE instance_id = ? AND seq = ?',
      args: [payload, prev, hash, instanceId, fields.seq],
    });
    prev = hash;
  }
  statements.push({
    sql: 'UPDATE instances SET revision = ?, last_hash = ? WHERE id = ?',
    args: [rows.length, prev, instanceId],
  });
  await client.batch(statements, 'write');
}

/** Points the instance row at its (shortened) chain's last event, as a careful attacker would. */
async function fixHead(client: Client, instanceId: string): Promise<void> {
  await client.execute({
    sql: `UPDATE instances SET revision = (SELECT count(*) FROM events WHERE instance_id = ?1),
            last_hash = coalesce((SELECT hash FROM events WHERE instance_id = ?1 ORDER BY seq DESC LIMIT 1), ?2)
          WHERE id = ?1`,
    args: [instanceId, GENESIS_HASH],
  });
}

/** A different value for one column of an event (never the same text). */
function edited(row: Row, column: 'actor' | 'role' | 'at' | 'type' | 'payload', rng: Prng): string {
  const before = row[column] === null ? '' : String(row[column]);
  switch (column) {
    case 'at': {
      const t = Date.parse(before) + rng.between(1, 3600) * 1000;
      return new Date(t).toISOString();
    }
    case 'payload': {
      const value = JSON.parse(before) as Record<string, unknown>;
      const key = rng.pick(['note', 'outcome', 'assignee', 'data']);
      value[key] = `${String(value[key] ?? '')}-edited-${rng.int(1000)}`;
      return canonicalJson(value);
    }
    default:
      return `${before}-x${rng.int(1000)}`;
  }
}

export interface Tampered {
  kind: TamperKind;
  instanceId: string;
  seq: number;
}

/** Applies one random tamper of `kind` to one random instance with at least `minEvents` events. */
export async function tamper(
  client: Client,
  kind: TamperKind,
  instances: Array<{ id: string; events: number }>,
  rng: Prng,
): Promise<Tampered> {
  const needs = kind === 'delete-middle' || kind.startsWith('reorder') ? 3 : 1;
  const candidates = instances.filter((i) => i.events >= needs);
  const target = rng.pick(candidates);
  const id = target.id;
  const rows = await rowsOf(client, id);
  const n = rows.length;
  switch (kind) {
    case 'edit-field':
    case 'edit-field-rehash': {
      const seq = rng.between(1, n);
      const column = rng.pick(['actor', 'role', 'at', 'type', 'payload'] as const);
      await client.execute({
        sql: `UPDATE events SET ${column} = ? WHERE instance_id = ? AND seq = ?`,
        args: [edited(rows[seq - 1]!, column, rng), id, seq],
      });
      if (kind === 'edit-field-rehash') await rehash(client, id);
      return { kind, instanceId: id, seq };
    }
    case 'edit-hash': {
      const seq = rng.between(1, n);
      await client.execute({
        sql: 'UPDATE events SET hash = ? WHERE instance_id = ? AND seq = ?',
        args: [sha256Hex(`forged-${rng.int(1e9)}`), id, seq],
      });
      return { kind, instanceId: id, seq };
    }
    case 'delete-middle': {
      const seq = rng.between(1, n - 1);
      await client.execute({ sql: 'DELETE FROM events WHERE instance_id = ? AND seq = ?', args: [id, seq] });
      return { kind, instanceId: id, seq };
    }
    case 'delete-tail': {
      const keep = rng.between(0, n - 1);
      await client.execute({ sql: 'DELETE FROM events WHERE instance_id = ? AND seq > ?', args: [id, keep] });
      if (keep === 0) {
        await client.execute({ sql: 'DELETE FROM instances WHERE id = ?', args: [id] });
      } else await fixHead(client, id);
      return { kind, instanceId: id, seq: keep + 1 };
    }
    case 'delete-instance': {
      for (const table of ['events', 'tasks', 'timers', 'notifications', 'task_comments', 'access_log'])
        await client.execute({ sql: `DELETE FROM ${table} WHERE instance_id = ?`, args: [id] });
      await client.execute({ sql: 'DELETE FROM instances WHERE id = ?', args: [id] });
      return { kind, instanceId: id, seq: 1 };
    }
    case 'reorder':
    case 'reorder-rehash': {
      const a = rng.between(1, n - 1);
      const b = rng.between(a + 1, n);
      // Swap two events' contents by moving their seqs (through a free number).
      await client.batch(
        [
          { sql: 'UPDATE events SET seq = 1000000000 WHERE instance_id = ? AND seq = ?', args: [id, a] },
          { sql: 'UPDATE events SET seq = ? WHERE instance_id = ? AND seq = ?', args: [a, id, b] },
          { sql: 'UPDATE events SET seq = ? WHERE instance_id = ? AND seq = 1000000000', args: [b, id] },
        ],
        'write',
      );
      if (kind === 'reorder-rehash') await rehash(client, id);
      return { kind, instanceId: id, seq: a };
    }
    case 'insert-rehash': {
      // A fabricated event (a copy of one, a second later) slipped in at position k; the rest move
      // up one. Inserting at the very end would be an append, which is what history legitimately does.
      const k = rng.between(1, n);
      const source = rows[rng.int(n)]!;
      const at = new Date(Date.parse(String(source.at)) + 1000).toISOString();
      for (let seq = n; seq >= k; seq--) {
        await client.execute({
          sql: 'UPDATE events SET seq = seq + 1 WHERE instance_id = ? AND seq = ?',
          args: [id, seq],
        });
      }
      await client.execute({
        sql: `INSERT INTO events (instance_id, seq, at, actor, role, type, payload, prev_hash, hash)
              VALUES (?, ?, ?, ?, ?, ?, ?, '', '')`,
        args: [
          id,
          k,
          at,
          source.actor ?? null,
          source.role ?? null,
          source.type ?? null,
          source.payload ?? null,
        ],
      });
      await rehash(client, id);
      return { kind, instanceId: id, seq: k };
    }
  }
}
