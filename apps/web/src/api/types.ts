import type { Task as ContractTask, NoteView, TaskRow } from '@portalflow/contract';
import type { Finding } from '@portalflow/engine';

export type {
  ActiveStepView,
  InstanceRow,
  InstanceSummary,
  InstanceView,
  TaskDetail,
  TaskRow,
} from '@portalflow/contract';

/** A note on a request: a completion note or a comment, with its edits old → new. */
export type RequestNote = NoteView;

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

/**
 * A task: a queue row carries its request's subject and start time, a task read on its own does not.
 * From the contract (`@portalflow/contract`), like the instance views below.
 */
export type Task = ContractTask & Partial<Pick<TaskRow, 'subject' | 'requestStartedAt'>>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
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

export type {
  AuditEvent,
  DefinitionSummary,
  DefinitionVersion,
  Draft,
  TimelineEntry,
  WorkflowSummary,
} from '@portalflow/contract';
export type { Finding };
