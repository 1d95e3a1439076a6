import type { Task as ContractTask, NoteView, TaskRow } from '@portalflow/contract';
import type { Finding } from '@portalflow/engine';

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
  TaskDetail,
  TaskRow,
} from '@portalflow/contract';

/** A note on a request: a completion note or a comment, with its edits old → new. */
export type RequestNote = NoteView;

/**
 * A task: a queue row carries its request's subject and start time, a task read on its own does not.
 * From the contract (`@portalflow/contract`), like the instance views below.
 */
export type Task = ContractTask & Partial<Pick<TaskRow, 'subject' | 'requestStartedAt' | 'files' | 'draft'>>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
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
