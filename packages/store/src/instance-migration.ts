import type { StepMapping } from '@portalflow/engine';

/** A plan to move the running instances of one workflow from version `fromVersion` to `toVersion`. */
export interface MigrationPlan {
  id: string;
  definitionId: string;
  fromVersion: number;
  toVersion: number;
  mapping: StepMapping;
  revision: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type MigrationRunStatus = 'running' | 'stopping' | 'stopped' | 'done' | 'failed';
export type MigrationResultStatus = 'migrated' | 'skipped' | 'conflict' | 'failed';

/** One application of a plan. The mapping is copied in, so later plan edits do not rewrite what ran. */
export interface MigrationRun {
  id: string;
  planId: string;
  status: MigrationRunStatus;
  mapping: StepMapping;
  /** Instances the run set out to look at. */
  total: number;
  counts: Record<MigrationResultStatus, number>;
  startedBy: string | null;
  startedAt: string;
  stopRequestedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface MigrationResult {
  runId: string;
  instanceId: string;
  status: MigrationResultStatus;
  reason: string | null;
  /** The `migrated` event's sequence number. */
  seq: number | null;
  at: string;
}

export interface NewMigrationPlan {
  id?: string;
  definitionId: string;
  fromVersion: number;
  toVersion: number;
  mapping: StepMapping;
  createdBy: string | null;
  at?: string;
}

export type UpdatePlanResult =
  | { ok: true; plan: MigrationPlan }
  | { ok: false; reason: 'conflict'; current: MigrationPlan }
  | { ok: false; reason: 'not-found' };

export type StartRunResult = { ok: true; run: MigrationRun } | { ok: false; reason: 'busy' | 'not-found' };

/** The migration-plan part of the store. */
export interface InstanceMigrationStore {
  createMigrationPlan(input: NewMigrationPlan): Promise<MigrationPlan>;
  getMigrationPlan(id: string): Promise<MigrationPlan | null>;
  listMigrationPlans(definitionId: string): Promise<MigrationPlan[]>;
  /** Replaces the mapping if the plan is still at `expectedRevision`. */
  updateMigrationPlan(input: {
    id: string;
    mapping: StepMapping;
    expectedRevision: number;
    at?: string;
  }): Promise<UpdatePlanResult>;
  /** `busy`: the plan already has a run that is running or stopping. */
  startMigrationRun(input: {
    id?: string;
    planId: string;
    mapping: StepMapping;
    total: number;
    startedBy: string | null;
    at?: string;
  }): Promise<StartRunResult>;
  getMigrationRun(id: string): Promise<MigrationRun | null>;
  listMigrationRuns(planId: string): Promise<MigrationRun[]>;
  /** Marks a running run as stopping; the runner honours it between instances. False if not running. */
  requestMigrationStop(runId: string, at?: string): Promise<boolean>;
  /** Ends a running or stopping run. False if it had already ended. */
  finishMigrationRun(
    runId: string,
    status: 'stopped' | 'done' | 'failed',
    at?: string,
    error?: string,
  ): Promise<boolean>;
  /** A result that is not a migration (those ride in the instance change itself). */
  recordMigrationResult(result: Omit<MigrationResult, 'seq'> & { seq?: number | null }): Promise<void>;
  listMigrationResults(runId: string): Promise<MigrationResult[]>;
}
