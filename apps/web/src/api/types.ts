import type { NoteView } from '@portalflow/contract';
import type { Definition, Finding } from '@portalflow/engine';

/** Shapes the server returns (see /api/openapi.json). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

/** A break-glass grant: time-limited read access outside the holder's roles. */
export interface EmergencyGrant {
  id: string;
  userId: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  endedAt: string | null;
}

/** How far sign-in got: `full`, or still owing a code (`totp`) or an authenticator (`enroll`). */
export type SignInStage = 'full' | 'totp' | 'enroll';

export interface Me {
  user: User;
  via: 'session' | 'token';
  csrfToken: string | null;
  stage?: SignInStage;
  twoFactor?: { enrolled: boolean; required: boolean; recoveryCodesLeft: number };
  emergency?: EmergencyGrant | null;
}

/** What each sign-in step answers. */
export interface SignInResult {
  user: User;
  csrfToken: string;
  stage: SignInStage;
  recoveryCodes?: string[];
  recoveryCodesLeft?: number;
}

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
  /** The request's notes from every step, oldest first ("History so far"). */
  notes: RequestNote[];
}

/** A note on a request: a completion note or a comment, with its edits old → new (the contract's shape). */
export type RequestNote = NoteView;

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

export interface Notification {
  id: string;
  userId: string | null;
  role: string | null;
  kind: 'assigned' | 'overdue' | 'escalated';
  taskId: string | null;
  instanceId: string | null;
  createdAt: string;
  readAt: string | null;
  /** The request's subject, when its workflow has one. */
  subject?: string | null;
  requestStartedAt?: string | null;
}

export type { Finding };
