import { randomUUID } from 'node:crypto';
import type { Row } from '@libsql/client';
import type {
  JobApproval,
  JobTextRecord,
  PracticeCompletion,
  RefresherAcknowledgement,
  RefresherSchedule,
  RoleSignOffStore,
} from '../role-records.ts';
import type { Db } from './db.ts';
import { int, json, text, textOrNull } from './rows.ts';

function toJobText(row: Row): JobTextRecord {
  return {
    roleId: text(row, 'role_id'),
    reportsTo: text(row, 'reports_to'),
    skills: text(row, 'skills'),
    languages: text(row, 'languages'),
    hours: text(row, 'hours'),
    revision: int(row, 'revision'),
    updatedAt: text(row, 'updated_at'),
    updatedBy: textOrNull(row, 'updated_by'),
  };
}

function toApproval(row: Row): JobApproval {
  return {
    id: text(row, 'id'),
    roleId: text(row, 'role_id'),
    fingerprint: text(row, 'fingerprint'),
    duties: json(row, 'duties'),
    jobText: json(row, 'job_text') as JobApproval['jobText'],
    approvedBy: text(row, 'approved_by'),
    approvedAt: text(row, 'approved_at'),
  };
}

function toAck(row: Row): RefresherAcknowledgement {
  return {
    userId: text(row, 'user_id'),
    definitionId: text(row, 'definition_id'),
    version: int(row, 'version'),
    role: text(row, 'role'),
    at: text(row, 'at'),
  };
}

function toSchedule(row: Row): RefresherSchedule {
  const every = row.every_days;
  return {
    id: text(row, 'id'),
    role: textOrNull(row, 'role'),
    definitionId: textOrNull(row, 'definition_id'),
    everyDays: Number(every),
    createdBy: textOrNull(row, 'created_by'),
    createdAt: text(row, 'created_at'),
  };
}

export function roleSignOffApi(db: Db): RoleSignOffStore {
  const getJobText = async (roleId: string) => {
    const rs = await db.client.execute({ sql: 'SELECT * FROM job_texts WHERE role_id = ?', args: [roleId] });
    return rs.rows[0] ? toJobText(rs.rows[0]) : null;
  };
  return {
    getJobText,

    async listJobTexts() {
      return (await db.client.execute('SELECT * FROM job_texts ORDER BY role_id')).rows.map(toJobText);
    },

    async saveJobText(input) {
      const at = input.at ?? db.now();
      const values = [input.reportsTo, input.skills, input.languages, input.hours];
      const rs =
        input.expectedRevision === 0
          ? await db.client.execute({
              sql: `INSERT INTO job_texts (role_id, reports_to, skills, languages, hours, revision, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (role_id) DO NOTHING`,
              args: [input.roleId, ...values, at, input.updatedBy],
            })
          : await db.client.execute({
              sql: `UPDATE job_texts SET reports_to = ?, skills = ?, languages = ?, hours = ?,
                      revision = revision + 1, updated_at = ?, updated_by = ?
                    WHERE role_id = ? AND revision = ?`,
              args: [...values, at, input.updatedBy, input.roleId, input.expectedRevision],
            });
      const current = await getJobText(input.roleId);
      if (rs.rowsAffected === 1 && current) return { ok: true, text: current };
      return { ok: false, current };
    },

    async addJobApproval(input) {
      const approval: JobApproval = { id: randomUUID(), ...input };
      await db.client.execute({
        sql: `INSERT INTO job_approvals (id, role_id, fingerprint, duties, job_text, approved_by, approved_at)
              VALUES (?, ?, ?, ?, ?, ?, ?)`,
        args: [
          approval.id,
          approval.roleId,
          approval.fingerprint,
          JSON.stringify(approval.duties ?? null),
          JSON.stringify(approval.jobText),
          approval.approvedBy,
          approval.approvedAt,
        ],
      });
      return approval;
    },

    async latestJobApprovals() {
      const rs = await db.client.execute(
        `SELECT a.* FROM job_approvals a
         WHERE a.rowid = (SELECT b.rowid FROM job_approvals b WHERE b.role_id = a.role_id
                          ORDER BY b.approved_at DESC, b.rowid DESC LIMIT 1)
         ORDER BY a.role_id`,
      );
      return rs.rows.map(toApproval);
    },

    async acknowledgeRefresher(input) {
      await db.client.execute({
        sql: `INSERT INTO refresher_acknowledgements (user_id, definition_id, version, role, at)
              VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        args: [input.userId, input.definitionId, input.version, input.role, input.at],
      });
      const rs = await db.client.execute({
        sql: `SELECT * FROM refresher_acknowledgements
              WHERE user_id = ? AND definition_id = ? AND version = ? AND role = ?`,
        args: [input.userId, input.definitionId, input.version, input.role],
      });
      return toAck(rs.rows[0]!);
    },

    async listRefresherAcknowledgements(query = {}) {
      const rs = await db.client.execute(
        query.userId === undefined
          ? 'SELECT * FROM refresher_acknowledgements ORDER BY at'
          : {
              sql: 'SELECT * FROM refresher_acknowledgements WHERE user_id = ? ORDER BY at',
              args: [query.userId],
            },
      );
      return rs.rows.map(toAck);
    },

    async listPracticeCompletions(query = {}) {
      const where = "practice = 1 AND status = 'done' AND started_by IS NOT NULL";
      const rs = await db.client.execute(
        query.userId === undefined
          ? `SELECT started_by, definition_id, version, max(updated_at) AS done_at FROM instances
             WHERE ${where} GROUP BY started_by, definition_id, version`
          : {
              sql: `SELECT started_by, definition_id, version, max(updated_at) AS done_at FROM instances
                    WHERE started_by = ? AND ${where} GROUP BY started_by, definition_id, version`,
              args: [query.userId],
            },
      );
      return rs.rows.map(
        (row): PracticeCompletion => ({
          userId: text(row, 'started_by'),
          definitionId: text(row, 'definition_id'),
          version: int(row, 'version'),
          doneAt: text(row, 'done_at'),
        }),
      );
    },

    async listRoleAssignments(query = {}) {
      const rs = await db.client.execute(
        query.userId === undefined
          ? 'SELECT user_id, role, assigned_at FROM user_roles'
          : {
              sql: 'SELECT user_id, role, assigned_at FROM user_roles WHERE user_id = ?',
              args: [query.userId],
            },
      );
      return rs.rows.map((row) => ({
        userId: text(row, 'user_id'),
        role: text(row, 'role'),
        assignedAt: textOrNull(row, 'assigned_at'),
      }));
    },

    async addRefresherSchedule(input) {
      const schedule: RefresherSchedule = { id: randomUUID(), ...input };
      await db.client.execute({
        sql: `INSERT INTO refresher_schedules (id, role, definition_id, every_days, created_by, created_at)
              VALUES (?, ?, ?, ?, ?, ?)`,
        args: [
          schedule.id,
          schedule.role,
          schedule.definitionId,
          schedule.everyDays,
          schedule.createdBy,
          schedule.createdAt,
        ],
      });
      return schedule;
    },

    async listRefresherSchedules() {
      return (await db.client.execute('SELECT * FROM refresher_schedules ORDER BY created_at, id')).rows.map(
        toSchedule,
      );
    },

    async deleteRefresherSchedule(id) {
      const rs = await db.client.execute({ sql: 'DELETE FROM refresher_schedules WHERE id = ?', args: [id] });
      return rs.rowsAffected === 1;
    },
  };
}
