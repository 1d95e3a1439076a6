import { createClient, type InStatement, type InValue } from '@libsql/client';
import { canonicalJson } from '@portalflow/engine';
import { type EventFields, eventHash, GENESIS_HASH, type StoredEvent } from '../src/index.ts';

/** Deterministic pseudo-random numbers (mulberry32), so every run stores the same rows. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ROLES = Array.from({ length: 20 }, (_, i) => `role-${i}`);
export const USERS = Array.from({ length: 500 }, (_, i) => `user-${i}`);
const DAY = 86_400_000;
const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');
const TASKS_PER_INSTANCE = 100;
const ROWS_PER_INSERT = 1000;
const INSERTS_PER_BATCH = 20;

/** Sends multi-row INSERTs, a batch of them at a time. */
export async function insertRows(
  url: string,
  table: string,
  columns: string[],
  rows: Iterable<InValue[]>,
): Promise<void> {
  const client = createClient({ url, concurrency: 1 });
  // Loading only, on a throwaway file: the benchmarks measure the store's own durable settings.
  await client.execute('PRAGMA synchronous = OFF');
  const one = `(${columns.map(() => '?').join(', ')})`;
  let values: InValue[] = [];
  let count = 0;
  let batch: InStatement[] = [];
  const flushInsert = () => {
    if (count === 0) return;
    batch.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(count).fill(one).join(', ')}`,
      args: values,
    });
    values = [];
    count = 0;
  };
  for (const row of rows) {
    values.push(...row);
    if (++count === ROWS_PER_INSERT) flushInsert();
    if (batch.length === INSERTS_PER_BATCH) {
      await client.batch(batch, 'write');
      batch = [];
    }
  }
  flushInsert();
  if (batch.length > 0) await client.batch(batch, 'write');
  client.close();
}

/**
 * Stores `total` tasks over `total / 100` instances of `definitionId` v1: one task in ten is open, half
 * of the open ones assigned to one of 500 users, dues spread over 60 days, one in ten without a due.
 */
export async function loadTasks(url: string, definitionId: string, total: number): Promise<void> {
  // Building the queue indexes once after the load is several times faster than maintaining them per row;
  // they are rebuilt from the migrated file's own definitions (as every migration left them), so the
  // benchmark queries the real schema.
  const client = createClient({ url, concurrency: 1 });
  const found = await client.execute(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' AND sql IS NOT NULL",
  );
  const indexes = found.rows.map((r) => String(r.sql));
  for (const r of found.rows) await client.execute(`DROP INDEX ${String(r.name)}`);
  const instances = Math.ceil(total / TASKS_PER_INSTANCE);
  const iso = (ms: number) => new Date(ms).toISOString();
  await insertRows(
    url,
    'instances',
    [
      'id',
      'definition_id',
      'version',
      'status',
      'snapshot',
      'revision',
      'last_hash',
      'started_at',
      'updated_at',
      'started_by',
    ],
    (function* () {
      for (let i = 0; i < instances; i++) {
        yield [
          `inst-${i}`,
          definitionId,
          1,
          'active',
          '{}',
          1,
          GENESIS_HASH,
          iso(EPOCH + i * 1000),
          iso(EPOCH + i * 1000),
          'seed',
        ];
      }
    })(),
  );
  const next = random(42);
  await insertRows(
    url,
    'tasks',
    [
      'id',
      'instance_id',
      'definition_id',
      'token',
      'step',
      'title',
      'role',
      'assignee',
      'status',
      'due',
      'opened_at',
    ],
    (function* () {
      for (let n = 0; n < total; n++) {
        const instance = `inst-${Math.floor(n / TASKS_PER_INSTANCE)}`;
        const open = next() < 0.1;
        const assignee = open && next() < 0.5 ? USERS[Math.floor(next() * USERS.length)]! : null;
        const opened = EPOCH + Math.floor(next() * 60 * DAY);
        const due = next() < 0.1 ? null : iso(opened + Math.floor(next() * 5 * DAY));
        yield [
          `${instance}:t${n}`,
          instance,
          definitionId,
          `t${n}`,
          'review',
          'Review the message',
          ROLES[Math.floor(next() * ROLES.length)]!,
          open ? assignee : (USERS[n % USERS.length] ?? null),
          open ? 'open' : 'closed',
          due,
          iso(opened),
        ];
      }
    })(),
  );
  for (const sql of indexes) await client.execute(sql);
  client.close();
}

/** Stores the histories (and an instance row for each, at its last event) as `definitionId` v1 instances. */
export async function loadEvents(
  url: string,
  definitionId: string,
  histories: StoredEvent[][],
): Promise<void> {
  await insertRows(
    url,
    'instances',
    [
      'id',
      'definition_id',
      'version',
      'status',
      'snapshot',
      'revision',
      'last_hash',
      'started_at',
      'updated_at',
      'started_by',
    ],
    (function* () {
      for (const rows of histories) {
        const last = rows[rows.length - 1]!;
        yield [
          last.instanceId,
          definitionId,
          1,
          'active',
          '{}',
          rows.length,
          last.hash,
          rows[0]!.at,
          last.at,
          'seed',
        ];
      }
    })(),
  );
  await insertRows(
    url,
    'events',
    ['instance_id', 'seq', 'at', 'actor', 'role', 'type', 'payload', 'prev_hash', 'hash'],
    (function* () {
      for (const rows of histories) {
        for (const r of rows)
          yield [r.instanceId, r.seq, r.at, r.actor, r.role, r.type, r.payload, r.prevHash, r.hash];
      }
    })(),
  );
}

/** `instances` histories of `length` events each, hashed as the store hashes them, with engine-sized payloads. */
export function chains(instances: number, length: number): StoredEvent[][] {
  const out: StoredEvent[][] = [];
  for (let i = 0; i < instances; i++) {
    const rows: StoredEvent[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= length; seq++) {
      const payload = {
        type: 'complete',
        step: 'nurse-review',
        outcome: 'answered',
        role: 'nurse',
        actor: `user-${seq % 50}`,
        data: { urgent: false, note: 'Called the patient back; advised to continue the current dose.' },
      };
      const fields: EventFields = {
        instanceId: `0b8f6c1e-4a5d-4f7e-9c3b-${String(i).padStart(12, '0')}`,
        seq,
        at: new Date(EPOCH + seq * 60_000).toISOString(),
        actor: `user-${seq % 50}`,
        role: 'nurse',
        type: 'complete',
        payload,
        prevHash,
      };
      const hash = eventHash(fields);
      rows.push({ ...fields, payload: canonicalJson(payload), hash });
      prevHash = hash;
    }
    out.push(rows);
  }
  return out;
}
