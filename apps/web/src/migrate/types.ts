/** What the migration routes return (see apps/server/src/routes/migrations.ts). */
export type StepMapping = Record<string, string | null>;

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

export interface PlanStep {
  id: string;
  kind: 'task' | 'wait';
  title: string;
  role: string | null;
  roleName: string | null;
}

export interface MigrationRun {
  id: string;
  planId: string;
  status: 'running' | 'stopping' | 'stopped' | 'done' | 'failed';
  total: number;
  counts: { migrated: number; skipped: number; conflict: number; failed: number };
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface PlanView {
  plan: MigrationPlan;
  workflow: string;
  from: PlanStep[];
  to: PlanStep[];
  runs?: MigrationRun[];
}

export interface StepView {
  step: string;
  title: string;
  kind: 'task' | 'wait';
  role: string | null;
  roleName: string | null;
}

export interface DryRunRow {
  instanceId: string;
  practice: boolean;
  startedAt: string;
  updatedAt: string;
  workflow: string;
  now: StepView[];
  ok: boolean;
  after: Array<StepView & { fromStep: string; assigneeKept: boolean; due: string | null }>;
  blockers: Array<{ code: string; step?: string; message: string }>;
}

export interface DryRun {
  summary: { total: number; movable: number; blocked: number; practice: number };
  rows: DryRunRow[];
}

export interface MigrationResult {
  instanceId: string;
  status: 'migrated' | 'skipped' | 'conflict' | 'failed';
  reason: string | null;
}

export const runEnded = (run: MigrationRun) => run.status !== 'running' && run.status !== 'stopping';
