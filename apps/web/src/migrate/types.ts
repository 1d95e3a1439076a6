/** What the migration routes return: the contract's types, re-exported for this folder. */
import type { MigrationRun } from '@portalflow/contract';

export type {
  DryRun,
  DryRunRow,
  MigrationPlan,
  MigrationResult,
  MigrationRun,
  PlanStep,
  PlanView,
  StepMapping,
  StepView,
} from '@portalflow/contract';

export const runEnded = (run: MigrationRun) => run.status !== 'running' && run.status !== 'stopping';
