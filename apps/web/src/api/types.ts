import type { Task as ContractTask, TaskRow } from '@portalflow/contract';
import type { Definition, Finding } from '@portalflow/engine';

/** Shapes the server returns, from the contract (see /api/openapi.json). */
export type {
  ActiveStepView,
  EmergencyGrant,
  InstanceRow,
  InstanceSummary,
  InstanceView,
  Me,
  NotificationView as Notification,
  PublicUser as User,
  SignInResult,
  SignInStage,
  TaskComment,
  TaskDetail,
  TaskRow,
} from '@portalflow/contract';

/**
 * A task: a queue row carries its request's subject and start time, a task read on its own does not.
 * From the contract (`@portalflow/contract`), like the instance views below.
 */
export type Task = ContractTask & Partial<Pick<TaskRow, 'subject' | 'requestStartedAt'>>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Draft {
  id: string;
  title: string;
  definition: unknown;
  layout: unknown;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface DefinitionVersion {
  definitionId: string;
  version: number;
  contentHash: string;
  definition: Definition;
  layout: unknown;
  publishedAt: string;
  publishedBy: string | null;
}

/** A workflow in `GET /definitions` as everyone gets it (staff get only published ones, only these fields). */
export interface WorkflowSummary {
  id: string;
  title: string;
  latestVersion: number | null;
  latestPublishedAt: string | null;
}

/** Designers, admins and auditors also get drafts and the draft's details. */
export interface DefinitionSummary extends WorkflowSummary {
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  actor: string | null;
  role: string | null;
  type: string;
  summary: string;
  changes: Array<{
    field: string;
    task?: string;
    step?: string;
    stepTitle?: string;
    from: unknown;
    to: unknown;
  }>;
  steps: string[];
  hash: string;
}

export interface AuditEvent {
  instanceId: string;
  seq: number;
  at: string;
  actor: string | null;
  role: string | null;
  type: string;
  payload: unknown;
  prevHash: string;
  hash: string;
}

export type { Finding };
