import type { Row } from '@libsql/client';
import { decodeCursor, encodeCursor, pageLimit } from '../cursor.ts';
import type { AccessOutcome, AccessRecord } from '../records.ts';
import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { Conditions, int, text, textOrNull } from './rows.ts';
import { SCAN } from './scan.ts';

function toAccessRecord(row: Row): AccessRecord {
  return {
    id: int(row, 'id'),
    at: text(row, 'at'),
    userId: textOrNull(row, 'user_id'),
    role: textOrNull(row, 'role'),
    action: text(row, 'action'),
    instanceId: textOrNull(row, 'instance_id'),
    dataCategory: textOrNull(row, 'data_category'),
    outcome: text(row, 'outcome') as AccessOutcome,
    detail: textOrNull(row, 'detail'),
    emergencyAccessId: textOrNull(row, 'emergency_access_id'),
    emergencyReason: textOrNull(row, 'emergency_reason'),
  };
}

/**
 * An entry of a list or a search (the categories whose detail names every request they showed), and an
 * auditor's narrowing of this log to one patient (a POST, naming the requests it found).
 */
const LISTING = `(a.data_category IN ('task-list', 'instance-list') OR (a.data_category = 'access-log' AND a.action LIKE 'POST %'))`;

/**
 * The ids a list or search entry named, as `,id1,id2,`: after "; instances: " (a list, "pool: 3;
 * instances: id1,id2") or inside the parentheses (a search, "search by …: 2 instances (id1, id2)").
 */
const LISTED_IDS = `',' || replace(replace(replace(CASE
    WHEN instr(a.detail, '; instances: ') > 0 THEN substr(a.detail, instr(a.detail, '; instances: ') + 13)
    WHEN instr(a.detail, ' (') > 0 THEN substr(a.detail, instr(a.detail, ' (') + 2)
    ELSE '' END, ' ', ''), ')', ''), ';', '') || ','`;

/** The cursor of the page that goes on after this entry, in the order it was read. */
export function accessCursor(entry: Pick<AccessRecord, 'at' | 'id'>): string {
  return encodeCursor([entry.at, entry.id]);
}

export function accessLogApi(db: Db): Pick<Store, 'logAccess' | 'listAccess' | 'newestAccessId'> {
  return {
    /** Every request logs one entry, so entries share the group-commit batches instead of an fsync each. */
    logAccess(entry) {
      return db.queue.submit({
        statements: [
          {
            sql: `INSERT INTO access_log (at, user_id, role, action, instance_id, data_category, outcome, detail, emergency_access_id)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            args: [
              entry.at,
              entry.userId ?? null,
              entry.role ?? null,
              entry.action,
              entry.instanceId ?? null,
              entry.dataCategory ?? null,
              entry.outcome,
              entry.detail ?? null,
              entry.emergencyAccessId ?? null,
            ],
          },
        ],
        settle: () => undefined,
      });
    },

    async listAccess(query = {}) {
      const limit = pageLimit(query.limit, 100, 1000);
      const where = new Conditions();
      if (query.from !== undefined) where.add('a.at >= ?', query.from);
      if (query.to !== undefined) where.add('a.at < ?', query.to);
      if (query.userId !== undefined) where.add('a.user_id = ?', query.userId);
      if (query.instanceId !== undefined) {
        // "Who saw this request" includes every list that showed it. An id with a list separator in it
        // is no instance's: it matches its own entries only.
        if (/[\s,;()]/.test(query.instanceId)) where.add('a.instance_id = ?', query.instanceId);
        else
          where.add(
            `(a.instance_id = ? OR (a.instance_id IS NULL AND ${LISTING} AND instr(${LISTED_IDS}, ?) > 0))`,
            query.instanceId,
            `,${query.instanceId},`,
          );
      }
      if (query.instanceIds !== undefined) {
        // One patient's requests: their entries, and every list or search that showed any of them.
        const ids = query.instanceIds.filter((id) => !/[\s,;()]/.test(id));
        if (ids.length === 0) where.add('0 = 1');
        else {
          const marks = ids.map(() => '?').join(', ');
          where.add(
            `(a.instance_id IN (${marks}) OR (a.instance_id IS NULL AND ${LISTING} AND (${ids.map(() => `instr(${LISTED_IDS}, ?) > 0`).join(' OR ')})))`,
            ...ids,
            ...ids.map((id) => `,${id},`),
          );
        }
      }
      if (query.throughId !== undefined) where.add('a.id <= ?', query.throughId);
      if (query.outcome !== undefined) where.add('a.outcome = ?', query.outcome);
      // A list read is a GET of a list; a search (a POST) is an auditor's business and stays, as do refusals,
      // and so does every read under break-glass access: the one an auditor must never miss.
      if (query.listReads === false)
        where.add(
          `NOT (${LISTING} AND a.action LIKE 'GET %' AND a.outcome = 'allow' AND a.emergency_access_id IS NULL)`,
        );
      if (query.emergency === true) where.add('a.emergency_access_id IS NOT NULL');
      if (query.emergency === false) where.add('a.emergency_access_id IS NULL');
      if (query.category !== undefined) where.add('a.data_category = ?', query.category);
      // Reads of practice (sandbox) instances stay out of the report unless it is asked for them.
      where.add(
        `${query.practice ? '' : 'NOT '}(a.instance_id IS NOT NULL AND a.instance_id IN (SELECT id FROM instances WHERE practice = 1))`,
      );
      if (query.cursor) {
        const [at, id] = decodeCursor(query.cursor, 2);
        where.add(`(a.at, a.id) ${query.newestFirst ? '<' : '>'} (?, ?)`, at ?? null, id ?? null);
      }
      // A report over a period may read far more rows than it returns: a long read.
      const rs = await db.client.execute({
        sql: `${SCAN}SELECT a.*, e.reason AS emergency_reason FROM access_log a
              LEFT JOIN emergency_access e ON e.id = a.emergency_access_id
              ${where.parts.length ? `WHERE ${where.parts.join(' AND ')}` : ''}
              ORDER BY ${query.newestFirst ? 'a.at DESC, a.id DESC' : 'a.at, a.id'} LIMIT ?`,
        args: [...where.args, limit + 1],
      });
      const items = rs.rows.slice(0, limit).map(toAccessRecord);
      const last = items[items.length - 1];
      return { items, nextCursor: rs.rows.length > limit && last ? accessCursor(last) : null };
    },

    async newestAccessId() {
      const rs = await db.client.execute('SELECT max(id) AS id FROM access_log');
      return Number(rs.rows[0]?.id ?? 0);
    },
  };
}
