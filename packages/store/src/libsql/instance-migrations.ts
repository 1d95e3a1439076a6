import { randomUUID } from 'node:crypto';
import type { Row } from '@libsql/client';
import type { StepMapping } from '@portalflow/engine';
import type {
  InstanceMigrationStore,
  MigrationPlan,
  MigrationResult,
  MigrationResultStatus,
  MigrationRun,
  MigrationRunStatus,
} from '../instance-migration.ts';
import type { Db } from './db.ts';
import { int, json, text, textOrNull } from './rows.ts';

const PLAN_COLUMNS =
  'id, definition_id, from_version, to_version, mapping, revision, created_by, created_at, updated_at';
const RUN_COLUMNS = `id, plan_id, status, mapping, total, started_by, started_at, stop_requested_at, finished_at, error,
  (SELECT json_group_object(status, n) FROM (SELECT status, count(*) AS n FROM migration_results r
     WHERE r.run_id = migration_runs.id GROUP BY status)) AS counts`;

function toPlan(row: Row): MigrationPlan {
  return {
    id: text(row, 'id'),
    definitionId: text(row, 'definition_id'),
    fromVersion: int(row, 'from_version'),
    toVersion: int(row, 'to_version'),
    mapping: json(row, 'mapping') as StepMapping,
    revision: int(row, 'revision'),
    createdBy: textOrNull(row, 'created_by'),
    createdAt: text(row, 'created_at'),
    updatedAt: text(row, 'updated_at'),
  };
}

function toRun(row: Row): MigrationRun {
  const counts = (json(row, 'counts') ?? {}) as Partial<Record<MigrationResultStatus, number>>;
  return {
    id: text(row, 'id'),
    planId: text(row, 'plan_id'),
    status: text(row, 'status') as MigrationRunStatus,
    mapping: json(row, 'mapping') as StepMapping,
    total: int(row, 'total'),
    counts: {
      migrated: counts.migrated ?? 0,
      skipped: counts.skipped ?? 0,
      conflict: counts.conflict ?? 0,
      failed: counts.failed ?? 0,
    },
    startedBy: textOrNull(row, 'started_by'),
    startedAt: text(row, 'started_at'),
    stopRequestedAt: textOrNull(row, 'stop_requested_at'),
    finishedAt: textOrNull(row, 'finished_at'),
    error: textOrNull(row, 'error'),
  };
}

function toResult(row: Row): MigrationResult {
  const seq = row.seq;
  return {
    runId: text(row, 'run_id'),
    instanceId: text(row, 'instance_id'),
    status: text(row, 'status') as MigrationResultStatus,
    reason: textOrNull(row, 'reason'),
    seq: seq === null || seq === undefined ? null : Number(seq),
    at: text(row, 'at'),
  };
}

export function instanceMigrationApi(db: Db): InstanceMigrationStore {
  const { client } = db;
  const getPlan = async (id: string) => {
    const rs = await client.execute({
      sql: `SELECT ${PLAN_COLUMNS} FROM migration_plans WHERE id = ?`,
      args: [id],
    });
    return rs.rows[0] ? toPlan(rs.rows[0]) : null;
  };
  const getRun = async (id: string) => {
    const rs = await client.execute({
      sql: `SELECT ${RUN_COLUMNS} FROM migration_runs WHERE id = ?`,
      args: [id],
    });
    return rs.rows[0] ? toRun(rs.rows[0]) : null;
  };
  return {
    async createMigrationPlan(input) {
      const id = input.id ?? randomUUID();
      const at = input.at ?? db.now();
      await client.execute({
        sql: `INSERT INTO migration_plans (${PLAN_COLUMNS}) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
        args: [
          id,
          input.definitionId,
          input.fromVersion,
          input.toVersion,
          JSON.stringify(input.mapping),
          input.createdBy,
          at,
          at,
        ],
      });
      return (await getPlan(id))!;
    },
    getMigrationPlan: getPlan,
    async listMigrationPlans(definitionId) {
      const rs = await client.execute({
        sql: `SELECT ${PLAN_COLUMNS} FROM migration_plans WHERE definition_id = ? ORDER BY created_at DESC, id`,
        args: [definitionId],
      });
      return rs.rows.map(toPlan);
    },
    async updateMigrationPlan({ id, mapping, expectedRevision, at }) {
      const rs = await client.execute({
        sql: 'UPDATE migration_plans SET mapping = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?',
        args: [JSON.stringify(mapping), at ?? db.now(), id, expectedRevision],
      });
      const plan = await getPlan(id);
      if (!plan) return { ok: false, reason: 'not-found' };
      return rs.rowsAffected === 1 ? { ok: true, plan } : { ok: false, reason: 'conflict', current: plan };
    },
    async startMigrationRun(input) {
      const id = input.id ?? randomUUID();
      const rs = await client.execute({
        sql: `INSERT INTO migration_runs (id, plan_id, status, mapping, total, started_by, started_at)
              SELECT ?, ?, 'running', ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM migration_plans WHERE id = ?)
              ON CONFLICT DO NOTHING`,
        args: [
          id,
          input.planId,
          JSON.stringify(input.mapping),
          input.total,
          input.startedBy,
          input.at ?? db.now(),
          input.planId,
        ],
      });
      if (rs.rowsAffected === 1) return { ok: true, run: (await getRun(id))! };
      return (await getPlan(input.planId))
        ? { ok: false, reason: 'busy' }
        : { ok: false, reason: 'not-found' };
    },
    getMigrationRun: getRun,
    async listMigrationRuns(planId) {
      const rs = await client.execute({
        sql: `SELECT ${RUN_COLUMNS} FROM migration_runs WHERE plan_id = ? ORDER BY started_at DESC, id`,
        args: [planId],
      });
      return rs.rows.map(toRun);
    },
    async requestMigrationStop(runId, at) {
      const rs = await client.execute({
        sql: `UPDATE migration_runs SET status = 'stopping', stop_requested_at = ? WHERE id = ? AND status = 'running'`,
        args: [at ?? db.now(), runId],
      });
      return rs.rowsAffected === 1;
    },
    async finishMigrationRun(runId, status, at, error) {
      const rs = await client.execute({
        sql: `UPDATE migration_runs SET status = ?, finished_at = ?, error = ?
              WHERE id = ? AND status IN ('running', 'stopping')`,
        args: [status, at ?? db.now(), error ?? null, runId],
      });
      return rs.rowsAffected === 1;
    },
    async recordMigrationResult(result) {
      await client.execute({
        sql: `INSERT INTO migration_results (run_id, instance_id, status, reason, seq, at) VALUES (?, ?, ?, ?, ?, ?)
              ON CONFLICT (run_id, instance_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                seq = excluded.seq, at = excluded.at`,
        args: [result.runId, result.instanceId, result.status, result.reason, result.seq ?? null, result.at],
      });
    },
    async listMigrationResults(runId) {
      const rs = await client.execute({
        sql: 'SELECT run_id, instance_id, status, reason, seq, at FROM migration_results WHERE run_id = ? ORDER BY at, instance_id',
        args: [runId],
      });
      return rs.rows.map(toResult);
    },
  };
}
