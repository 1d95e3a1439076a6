import type { InValue, Row } from '@libsql/client';
import type { Priority } from '@portalflow/engine';
import { decodeCursor, encodeCursor, pageLimit } from '../cursor.ts';
import { StoreError } from '../errors.ts';
import type { Task, TaskStatus } from '../records.ts';
import type { Store, TaskQuery } from '../types.ts';
import type { Db } from './db.ts';
import { Conditions, flag, text, textOrNull } from './rows.ts';

const COLUMNS = `id, instance_id, definition_id, token, step, title, role, assignee, status, due, due_order, priority,
  opened_at, closed_at, outcome, close_reason, closed_by, escalated, practice`;
const ORDER = 'ORDER BY due_order, opened_at, id';

function toTask(row: Row): Task {
  return {
    id: text(row, 'id'),
    instanceId: text(row, 'instance_id'),
    definitionId: text(row, 'definition_id'),
    token: text(row, 'token'),
    step: text(row, 'step'),
    title: text(row, 'title'),
    role: text(row, 'role'),
    assignee: textOrNull(row, 'assignee'),
    status: text(row, 'status') as TaskStatus,
    due: textOrNull(row, 'due'),
    priority: text(row, 'priority') as Priority,
    openedAt: text(row, 'opened_at'),
    closedAt: textOrNull(row, 'closed_at'),
    outcome: textOrNull(row, 'outcome'),
    closeReason: textOrNull(row, 'close_reason'),
    closedBy: textOrNull(row, 'closed_by'),
    escalated: flag(row, 'escalated'),
    practice: flag(row, 'practice'),
  };
}

/** One index range, read in queue order: equality on the index prefix, then due_order onwards. */
interface Branch {
  /** Pins the partial pool index: without statistics SQLite prefers the wider role index and filters rows. */
  index?: string;
  where: string;
  args: InValue[];
}

/**
 * Each scope is a union of index ranges (one per role), each read in order with its own LIMIT, so a
 * query touches at most `limit` rows per range however many tasks are stored; the union is then
 * merged. `pool` names `status = 'open' AND assignee IS NULL` literally, as the partial index requires.
 */
function branchesOf(q: TaskQuery, status: TaskStatus, practice: number): Branch[] {
  const roles = [...new Set(q.roles ?? [])];
  switch (q.scope) {
    case 'mine':
      if (q.userId === undefined) throw new StoreError('QUERY_INVALID', "Task scope 'mine' needs a userId");
      return [{ where: 'status = ? AND practice = ? AND assignee = ?', args: [status, practice, q.userId] }];
    case 'pool': {
      const branches: Branch[] = roles.map((role) => ({
        index: 'tasks_pool',
        where: "status = 'open' AND assignee IS NULL AND practice = ? AND role = ?",
        args: [practice, role],
      }));
      // The starter's own practice runs (few, read through the starter index), in the roles not above.
      if (practice === 1 && q.practiceRunsOf !== undefined) {
        const others = roles.length > 0 ? ` AND role NOT IN (${roles.map(() => '?').join(', ')})` : '';
        branches.push({
          where: `status = 'open' AND assignee IS NULL AND practice = 1${others} AND instance_id IN
            (SELECT id FROM instances WHERE started_by = ? AND practice = 1 AND status = 'active')`,
          args: [...roles, q.practiceRunsOf],
        });
      }
      return branches;
    }
    case 'all': {
      const branches: Branch[] = roles.map((role) => ({
        where: 'status = ? AND practice = ? AND role = ?',
        args: [status, practice, role],
      }));
      if (q.userId !== undefined) {
        const others = roles.length > 0 ? ` AND role NOT IN (${roles.map(() => '?').join(', ')})` : '';
        branches.push({
          where: `status = ? AND practice = ? AND assignee = ?${others}`,
          args: [status, practice, q.userId, ...roles],
        });
      }
      return branches;
    }
    default:
      throw new StoreError('QUERY_INVALID', `Unknown task scope '${(q as { scope: string }).scope}'`);
  }
}

export function taskApi(
  db: Db,
): Pick<Store, 'listTasks' | 'listCompletedBy' | 'getTask' | 'listInstanceTasks'> {
  return {
    async listCompletedBy(q) {
      // A range of the completed-task index (practice, closed_at, closed_by, …), newest first.
      const rs = await db.client.execute({
        sql: `SELECT ${COLUMNS} FROM tasks INDEXED BY tasks_completed
              WHERE close_reason = 'completed' AND practice = ? AND closed_at >= ? AND closed_by = ?
              ORDER BY closed_at DESC, id DESC LIMIT ?`,
        args: [q.practice ? 1 : 0, q.since, q.userId, pageLimit(q.limit, 200, 500)],
      });
      return rs.rows.map(toTask);
    },

    async listTasks(q) {
      const limit = pageLimit(q.limit, 50, 500);
      const branches = branchesOf(q, q.status ?? 'open', q.practice ? 1 : 0);
      if (branches.length === 0) return { items: [], nextCursor: null };
      const extra = new Conditions();
      if (q.definitionId !== undefined) extra.add('definition_id = ?', q.definitionId);
      // Tasks without a due time sort as '~', after every timestamp, so this also leaves them out.
      if (q.dueBefore !== undefined) extra.add('due_order < ?', q.dueBefore);
      if (q.cursor)
        extra.add('(due_order, opened_at, id) > (?, ?, ?)', ...(decodeCursor(q.cursor, 3) as InValue[]));
      const tail = extra.parts.map((e) => ` AND ${e}`).join('');
      const selects = branches.map((b) => ({
        sql: `SELECT ${COLUMNS} FROM tasks${b.index ? ` INDEXED BY ${b.index}` : ''} WHERE ${b.where}${tail} ${ORDER} LIMIT ?`,
        args: [...b.args, ...extra.args, limit + 1],
      }));
      const stmt =
        selects.length === 1
          ? selects[0]!
          : {
              sql: `${selects.map((s) => `SELECT * FROM (${s.sql})`).join(' UNION ALL ')} ${ORDER} LIMIT ?`,
              args: [...selects.flatMap((s) => s.args), limit + 1],
            };
      const rs = await db.client.execute(stmt);
      const items = rs.rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items: items.map(toTask),
        nextCursor:
          rs.rows.length > limit && last
            ? encodeCursor([text(last, 'due_order'), text(last, 'opened_at'), text(last, 'id')])
            : null,
      };
    },

    async getTask(id) {
      const rs = await db.client.execute({ sql: `SELECT ${COLUMNS} FROM tasks WHERE id = ?`, args: [id] });
      return rs.rows[0] ? toTask(rs.rows[0]) : null;
    },

    async listInstanceTasks(instanceId) {
      const rs = await db.client.execute({
        // The primary key's range of `{instanceId}:…` (';' sorts right after ':'), then the exact match.
        sql: `SELECT ${COLUMNS} FROM tasks WHERE id > ? AND id < ? AND instance_id = ? ORDER BY opened_at, id`,
        args: [`${instanceId}:`, `${instanceId};`, instanceId],
      });
      return rs.rows.map(toTask);
    },
  };
}
