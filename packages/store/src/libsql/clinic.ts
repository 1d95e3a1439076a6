import type { Row } from '@libsql/client';
import type { ClinicStore, StoredClinicCalendar } from '../clinic.ts';
import { pageLimit } from '../cursor.ts';
import type { Db } from './db.ts';
import { int, text, textOrNull } from './rows.ts';

const CURRENT_REVISION = 'coalesce((SELECT revision FROM clinic_calendar WHERE id = 1), 0)';

function toStored(row: Row): StoredClinicCalendar {
  return {
    value: JSON.parse(text(row, 'calendar')),
    revision: int(row, 'revision'),
    updatedBy: text(row, 'updated_by'),
    updatedAt: text(row, 'updated_at'),
  };
}

export function clinicApi(db: Db): ClinicStore {
  async function current(): Promise<StoredClinicCalendar | null> {
    const rs = await db.client.execute('SELECT * FROM clinic_calendar WHERE id = 1');
    return rs.rows[0] ? toStored(rs.rows[0]) : null;
  }

  return {
    getClinicCalendar: current,

    async saveClinicCalendar({
      value,
      expectedRevision,
      actorId,
      at,
      reason,
      replaces,
      feedMessage,
      movesOpenRequests,
    }) {
      const json = JSON.stringify(value);
      const next = expectedRevision + 1;
      // Each statement carries the revision check: of two saves from the same revision, the one
      // the database serialises second changes nothing (and its change row's key is taken anyway).
      const rs = await db.client.batch(
        [
          {
            sql: `INSERT INTO clinic_calendar_changes (revision, at, actor_id, reason, old_value, new_value, moved_open_requests)
                  SELECT ?, ?, ?, ?, coalesce((SELECT calendar FROM clinic_calendar WHERE id = 1), ?), ?, ?
                  WHERE ${CURRENT_REVISION} = ?`,
            args: [
              next,
              at,
              actorId,
              reason ?? null,
              replaces === undefined ? null : JSON.stringify(replaces),
              json,
              movesOpenRequests ? 1 : 0,
              expectedRevision,
            ],
          },
          {
            sql: `INSERT INTO clinic_calendar (id, calendar, revision, updated_by, updated_at)
                  SELECT 1, ?, ?, ?, ? WHERE ${CURRENT_REVISION} = ?
                  ON CONFLICT (id) DO UPDATE SET calendar = excluded.calendar, revision = excluded.revision,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
            args: [json, next, actorId, at, expectedRevision],
          },
          ...(feedMessage === undefined
            ? []
            : [
                {
                  // changes(): the rows the save above wrote, on this connection in this transaction.
                  sql: 'INSERT INTO change_feed (at, message) SELECT ?, ? WHERE changes() > 0',
                  args: [at, JSON.stringify([feedMessage])],
                },
              ]),
        ],
        'write',
      );
      if ((rs[0]?.rowsAffected ?? 0) === 0)
        return { ok: false, reason: 'conflict', current: await current() };
      return { ok: true, saved: { value, revision: next, updatedBy: actorId, updatedAt: at } };
    },

    async listClinicCalendarChanges(limit) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM clinic_calendar_changes ORDER BY revision DESC LIMIT ?',
        args: [pageLimit(limit, 50, 500)],
      });
      return rs.rows.map((row) => {
        const old = textOrNull(row, 'old_value');
        return {
          revision: int(row, 'revision'),
          at: text(row, 'at'),
          actorId: text(row, 'actor_id'),
          reason: textOrNull(row, 'reason'),
          oldValue: old === null ? null : JSON.parse(old),
          newValue: JSON.parse(text(row, 'new_value')),
          movedOpenRequests: int(row, 'moved_open_requests') === 1,
        };
      });
    },
  };
}
