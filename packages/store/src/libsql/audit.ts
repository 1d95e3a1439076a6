import type { Row } from '@libsql/client';
import {
  type ChainCheck,
  type ChainFailure,
  checkHead,
  eventMatchesHash,
  type PreparedChain,
  verifyPreparedChain,
} from '../chain.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { EVENT_COLUMNS, toStoredEvent } from './instances.ts';
import { int, text, textOrNull } from './rows.ts';

const PAGE = 5000;

/**
 * What verification reads: the links, and the exact text `eventHash` covers, assembled by SQLite with
 * `json_quote` (the escaping of `JSON.stringify`) so that JavaScript only hashes and compares.
 */
const CHAIN_COLUMNS = `instance_id, seq, prev_hash, hash,
  '{"actor":' || json_quote(actor) || ',"at":' || json_quote(at) || ',"instanceId":' || json_quote(instance_id)
  || ',"payload":' || payload || ',"prevHash":' || json_quote(prev_hash) || ',"role":' || json_quote(role)
  || ',"seq":' || seq || ',"type":' || json_quote(type) || '}' AS hash_input`;

const emptyChain = (instanceId: string): PreparedChain => ({
  instanceId,
  seqs: [],
  prevHashes: [],
  hashes: [],
  inputs: [],
});

function append(chain: PreparedChain, row: Row): void {
  chain.seqs.push(int(row, 'seq'));
  chain.prevHashes.push(text(row, 'prev_hash'));
  chain.hashes.push(text(row, 'hash'));
  chain.inputs.push(textOrNull(row, 'hash_input') ?? '');
}

/** One instance's events, ready for `verifyPreparedChain`. */
export async function readPreparedChain(db: Pick<Db, 'client'>, instanceId: string): Promise<PreparedChain> {
  const rs = await db.client.execute({
    sql: `SELECT ${CHAIN_COLUMNS} FROM events WHERE instance_id = ? ORDER BY seq`,
    args: [instanceId],
  });
  const chain = emptyChain(instanceId);
  for (const row of rs.rows) append(chain, row);
  return chain;
}

/** Verifies a prepared chain; an event whose SQL-built input does not match is judged exactly before failing. */
async function verifyPrepared(db: Db, chain: PreparedChain): Promise<ChainCheck> {
  let from = 0;
  for (;;) {
    const check = verifyPreparedChain(chain, from);
    if (check.ok || check.fault !== 'hash-mismatch') return check;
    const rs = await db.client.execute({
      sql: `SELECT ${EVENT_COLUMNS} FROM events WHERE instance_id = ? AND seq = ?`,
      args: [chain.instanceId, check.seq],
    });
    if (!rs.rows[0] || !eventMatchesHash(toStoredEvent(rs.rows[0]))) return check;
    from = check.seq;
  }
}

const notFound = (instanceId: string, reason = `Instance '${instanceId}' does not exist`): ChainFailure => ({
  ok: false,
  instanceId,
  seq: 0,
  fault: 'not-found',
  reason,
});

/** SQLite's BINARY collation compares UTF-8 bytes, which JavaScript's `<` does not. */
function sortsBefore(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
}

/** Every event in (instance_id, seq) order, a page at a time; `current()` is synchronous within a page. */
class EventCursor {
  #rows: Row[] = [];
  #pos = 0;
  #after: [string, number] = ['', 0];
  #exhausted = false;
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** The row under the cursor, or undefined at the end. */
  async current(): Promise<Row | undefined> {
    if (this.#pos < this.#rows.length) return this.#rows[this.#pos];
    if (this.#exhausted) return undefined;
    const rs = await this.#db.client.execute({
      sql: `SELECT ${CHAIN_COLUMNS} FROM events WHERE (instance_id, seq) > (?, ?) ORDER BY instance_id, seq LIMIT ?`,
      args: [this.#after[0], this.#after[1], PAGE],
    });
    this.#rows = rs.rows;
    this.#pos = 0;
    this.#exhausted = rs.rows.length < PAGE;
    const last = rs.rows[rs.rows.length - 1];
    if (last) this.#after = [text(last, 'instance_id'), int(last, 'seq')];
    return this.#rows[0];
  }

  /** Appends every event of `instanceId` under the cursor to `chain`. */
  async take(instanceId: string, chain: PreparedChain): Promise<void> {
    let row = await this.current();
    while (row && text(row, 'instance_id') === instanceId) {
      append(chain, row);
      this.#pos += 1;
      row = this.#pos < this.#rows.length ? this.#rows[this.#pos] : await this.current();
    }
  }
}

/** One instance: its head and its events read in one read transaction, so concurrent commits cannot skew them. */
async function verifyConsistent(db: Db, id: string): Promise<ChainCheck> {
  const [head, events] = await db.client.batch(
    [
      { sql: 'SELECT revision, last_hash FROM instances WHERE id = ?', args: [id] },
      { sql: `SELECT ${CHAIN_COLUMNS} FROM events WHERE instance_id = ? ORDER BY seq`, args: [id] },
    ],
    'read',
  );
  const row = head?.rows[0];
  if (!row) return notFound(id);
  const chain = emptyChain(id);
  for (const event of events?.rows ?? []) append(chain, event);
  return checkHead(
    id,
    { revision: int(row, 'revision'), lastHash: text(row, 'last_hash') },
    await verifyPrepared(db, chain),
  );
}

const HASH_LOOKUP_CHUNK = 500;

export function auditApi(db: Db): Pick<Store, 'verifyInstance' | 'verifyAll' | 'chainHeads' | 'eventHashes'> {
  return {
    /** Every instance's head and the event count, in one read transaction (what a checkpoint signs). */
    async chainHeads() {
      const [count, rows] = await db.client.batch(
        ['SELECT count(*) AS n FROM events', 'SELECT id, revision, last_hash FROM instances ORDER BY id'],
        'read',
      );
      const heads = (rows?.rows ?? []).map((row) => ({
        instanceId: text(row, 'id'),
        seq: int(row, 'revision'),
        hash: text(row, 'last_hash'),
      }));
      return { events: int(count!.rows[0]!, 'n'), heads };
    },

    async eventHashes(points) {
      const out: Array<string | null> = [];
      for (let from = 0; from < points.length; from += HASH_LOOKUP_CHUNK) {
        const chunk = points.slice(from, from + HASH_LOOKUP_CHUNK);
        const results = await db.client.batch(
          chunk.map((p) => ({
            sql: 'SELECT hash FROM events WHERE instance_id = ? AND seq = ?',
            args: [p.instanceId, p.seq],
          })),
          'read',
        );
        for (const rs of results) out.push(rs.rows[0] ? text(rs.rows[0], 'hash') : null);
      }
      return out;
    },

    verifyInstance: (id) => verifyConsistent(db, id),

    /** Merge-joins instances (by id) with the event stream (by instance_id, seq): one pass over each. */
    async verifyAll() {
      const failures: ChainFailure[] = [];
      let instances = 0;
      let events = 0;
      const cursor = new EventCursor(db);
      // Events with no instance row (foreign keys prevent it, unless they were off) are a failure too.
      const skipOrphansBefore = async (id: string | null) => {
        for (let row = await cursor.current(); row; row = await cursor.current()) {
          const orphan = text(row, 'instance_id');
          if (id !== null && (orphan === id || !sortsBefore(orphan, id))) return;
          failures.push(notFound(orphan, `Events of instance '${orphan}' have no instance row`));
          await cursor.take(orphan, emptyChain(orphan));
        }
      };
      let afterId = '';
      for (;;) {
        const page = await db.client.execute({
          sql: 'SELECT id, revision, last_hash FROM instances WHERE id > ? ORDER BY id LIMIT ?',
          args: [afterId, PAGE],
        });
        for (const row of page.rows) {
          const id = text(row, 'id');
          await skipOrphansBefore(id);
          const chain = emptyChain(id);
          await cursor.take(id, chain);
          instances += 1;
          events += chain.seqs.length;
          const head = { revision: int(row, 'revision'), lastHash: text(row, 'last_hash') };
          let check = checkHead(id, head, await verifyPrepared(db, chain));
          // The instance row and its events were read at different moments; a live instance may have
          // moved on in between. Judge a head mismatch again on one consistent read.
          if (!check.ok && check.fault === 'head-mismatch') check = await verifyConsistent(db, id);
          if (!check.ok) failures.push(check);
        }
        if (page.rows.length < PAGE) break;
        afterId = text(page.rows[page.rows.length - 1]!, 'id');
      }
      await skipOrphansBefore(null);
      return { ok: failures.length === 0, instances, events, failures };
    },
  };
}
