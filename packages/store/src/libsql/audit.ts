import type { Row } from '@libsql/client';
import {
  type ChainCheck,
  type ChainFailure,
  checkHead,
  type PreparedEvent,
  verifyPreparedChain,
} from '../chain.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { EVENT_COLUMNS, toStoredEvent } from './instances.ts';
import { int, text, textOrNull } from './rows.ts';

const PAGE = 5000;

/** The exact text `eventHash` covers, assembled by SQLite while reading (see `verifyPreparedChain`). */
const HASH_INPUT = `'{"actor":' || json_quote(actor) || ',"at":' || json_quote(at) || ',"instanceId":' || json_quote(instance_id)
  || ',"payload":' || payload || ',"prevHash":' || json_quote(prev_hash) || ',"role":' || json_quote(role)
  || ',"seq":' || seq || ',"type":' || json_quote(type) || '}' AS hash_input`;

const toPreparedEvent = (row: Row): PreparedEvent => ({
  ...toStoredEvent(row),
  hashInput: textOrNull(row, 'hash_input') ?? '',
});

/** One instance's events as `verifyPreparedChain` wants them. */
export async function readPreparedChain(db: Db, instanceId: string): Promise<PreparedEvent[]> {
  const rs = await db.client.execute({
    sql: `SELECT ${EVENT_COLUMNS}, ${HASH_INPUT} FROM events WHERE instance_id = ? ORDER BY seq`,
    args: [instanceId],
  });
  return rs.rows.map(toPreparedEvent);
}

const notFound = (instanceId: string): ChainCheck => ({
  ok: false,
  instanceId,
  seq: 0,
  fault: 'not-found',
  reason: `Instance '${instanceId}' does not exist`,
});

/** SQLite's BINARY collation compares UTF-8 bytes, which JavaScript's `<` does not. */
function sortsBefore(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
}

export function auditApi(db: Db): Pick<Store, 'verifyInstance' | 'verifyAll'> {
  /** Every event in (instance_id, seq) order, a page at a time. */
  async function* allEvents(): AsyncGenerator<PreparedEvent> {
    let after: [string, number] = ['', 0];
    for (;;) {
      const rs = await db.client.execute({
        sql: `SELECT ${EVENT_COLUMNS}, ${HASH_INPUT} FROM events WHERE (instance_id, seq) > (?, ?) ORDER BY instance_id, seq LIMIT ?`,
        args: [after[0], after[1], PAGE],
      });
      for (const row of rs.rows) yield toPreparedEvent(row);
      if (rs.rows.length < PAGE) return;
      const last = rs.rows[rs.rows.length - 1]!;
      after = [text(last, 'instance_id'), int(last, 'seq')];
    }
  }

  return {
    async verifyInstance(id) {
      const head = await db.client.execute({
        sql: 'SELECT revision, last_hash FROM instances WHERE id = ?',
        args: [id],
      });
      const row = head.rows[0];
      if (!row) return notFound(id);
      const chain = verifyPreparedChain(await readPreparedChain(db, id));
      return checkHead(id, { revision: int(row, 'revision'), lastHash: text(row, 'last_hash') }, chain);
    },

    /** Merge-joins instances (by id) with the event stream (by instance_id, seq): one pass over each. */
    async verifyAll() {
      const failures: ChainFailure[] = [];
      let instances = 0;
      let events = 0;
      const stream = allEvents();
      let pending = await stream.next();
      /** Events with no instance row (foreign keys prevent it, unless they were off): a failure. */
      const skipOrphans = async (orphanId: string) => {
        failures.push({
          ...notFound(orphanId),
          reason: `Events of instance '${orphanId}' have no instance row`,
        } as ChainFailure);
        let next = await stream.next();
        while (!next.done && next.value.instanceId === orphanId) next = await stream.next();
        return next;
      };
      let afterId = '';
      for (;;) {
        const page = await db.client.execute({
          sql: 'SELECT id, revision, last_hash FROM instances WHERE id > ? ORDER BY id LIMIT ?',
          args: [afterId, PAGE],
        });
        for (const row of page.rows as Row[]) {
          const id = text(row, 'id');
          const rows: PreparedEvent[] = [];
          while (
            !pending.done &&
            pending.value.instanceId !== id &&
            sortsBefore(pending.value.instanceId, id)
          ) {
            pending = await skipOrphans(pending.value.instanceId);
          }
          while (!pending.done && pending.value.instanceId === id) {
            rows.push(pending.value);
            pending = await stream.next();
          }
          instances += 1;
          events += rows.length;
          const check = checkHead(
            id,
            { revision: int(row, 'revision'), lastHash: text(row, 'last_hash') },
            verifyPreparedChain(rows),
          );
          if (!check.ok) failures.push(check);
        }
        if (page.rows.length < PAGE) break;
        afterId = text(page.rows[page.rows.length - 1]!, 'id');
      }
      while (!pending.done) pending = await skipOrphans(pending.value.instanceId);
      return { ok: failures.length === 0, instances, events, failures };
    },
  };
}
