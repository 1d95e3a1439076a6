import type { Definition, Finding } from '@portalflow/engine';

/** Shapes the server returns (see /api/openapi.json). Sign-in and the directory come from the contract. */
export type {
  EmergencyGrant,
  Me,
  NotificationView as Notification,
  PublicUser as User,
  SignInResult,
  SignInStage,
} from '@portalflow/contract';

export interface Task {
  id: string;
  instanceId: string;
  definitionId: string;
  token: string;
  step: string;
  title: string;
  role: string;
  assignee: string | null;
  status: 'open' | 'closed';
  due: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  openedAt: string;
  closedAt: string | null;
  outcome: string | null;
  closeReason: string | null;
  closedBy: string | null;
  escalated: boolean;
  practice: boolean;
  /** What the request is, from its data (e.g. "DEMO-5001 · Refill: lisinopril"); null when its workflow has none. */
  subject?: string | null;
  /** When the request started: tells apart rows of a workflow without a subject. */
  requestStartedAt?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ActiveStepView {
  token: string;
  taskId: string;
  step: string;
  title: string;
  kind: 'task' | 'wait';
  role: string | null;
  roleName: string | null;
  assignee: string | null;
  due: string | null;
  priority: string | null;
  escalated: boolean;
  signal: string | null;
}

export interface InstanceView {
  id: string;
  definitionId: string;
  definitionTitle: string;
  version: number;
  status: 'active' | 'done' | 'cancelled';
  revision: number;
  startedAt: string;
  startedBy: string | null;
  updatedAt: string;
  practice: boolean;
  data: Record<string, unknown>;
  active: ActiveStepView[];
  end: { step: string; outcome?: string } | null;
}

export interface InstanceSummary {
  id: string;
  definitionId: string;
  version: number;
  status: 'active' | 'done' | 'cancelled';
  revision: number;
  startedAt: string;
  updatedAt: string;
  startedBy: string | null;
  practice: boolean;
  /** The request's subject, when its workflow has one. */
  subject?: string | null;
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

export interface TaskDetail {
  task: Task;
  step: {
    id: string;
    title: string;
    outcomes: string[];
    form: NonNullable<Extract<Definition['steps'][string], { type: 'task' }>['form']>;
    help: string | null;
    deadline: unknown;
  } | null;
  instance: InstanceView;
  comments: Array<{ id: string; userId: string; at: string; body: string }>;
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
