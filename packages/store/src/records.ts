import type { Definition, InstanceSnapshot, InstanceStatus, Priority } from '@portalflow/engine';
import type { SessionStage } from './security.ts';

/**
 * What the store hands back. Times are ISO-8601 UTC strings (`2026-03-02T16:00:00.000Z`), the same
 * form the engine uses, so they compare correctly as text.
 */

/** One page of a keyset-paginated list; pass `nextCursor` back as `cursor` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A workflow being edited. The definition may be invalid: the editor saves work in progress. */
export interface Draft {
  id: string;
  title: string;
  definition: unknown;
  /** Node positions and lane order, kept apart so moving a box never changes the version hash. */
  layout: unknown;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface DefinitionSummary {
  id: string;
  title: string;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
  latestVersion: number | null;
  latestPublishedAt: string | null;
  /** When a lead retired it (no new requests); null while in use. */
  retiredAt: string | null;
}

/** A workflow as people who only use it see it: its latest published version, no draft details. */
export interface PublishedSummary {
  id: string;
  /** The title of the latest published version (the draft may have moved on). */
  title: string;
  latestVersion: number;
  latestPublishedAt: string;
  /** When a lead retired it (no new requests); null while in use. */
  retiredAt: string | null;
}

/** A published, immutable version; instances are pinned to one. */
export interface DefinitionVersion {
  definitionId: string;
  version: number;
  /** SHA-256 hex of `canonicalJson(definition)`; layout excluded. */
  contentHash: string;
  definition: Definition;
  layout: unknown;
  publishedAt: string;
  publishedBy: string | null;
}

export type VersionSummary = Omit<DefinitionVersion, 'definition' | 'layout'>;

export interface Instance {
  id: string;
  definitionId: string;
  version: number;
  status: InstanceStatus;
  snapshot: InstanceSnapshot;
  /** Number of events recorded; the next change must name it as `expectedRevision`. */
  revision: number;
  /** Hash of the last event; the next change's `prevHash`. */
  lastHash: string;
  startedAt: string;
  updatedAt: string;
  startedBy: string | null;
  /** Sandbox instance, kept out of real queues and lists unless asked for. */
  practice: boolean;
}

export type InstanceSummary = Omit<Instance, 'snapshot'>;

/** An event as stored: `payload` is the canonical JSON text the hash covers. */
export interface StoredEvent {
  instanceId: string;
  seq: number;
  at: string;
  actor: string | null;
  role: string | null;
  type: string;
  payload: string;
  prevHash: string;
  hash: string;
}

/** An event for readers: the payload parsed. */
export interface AuditEvent extends Omit<StoredEvent, 'payload'> {
  payload: unknown;
}

export type TaskStatus = 'open' | 'closed';

/** One row of the task projection: `id` is `${instanceId}:${token}`. */
export interface Task {
  id: string;
  instanceId: string;
  definitionId: string;
  token: string;
  step: string;
  title: string;
  role: string;
  assignee: string | null;
  status: TaskStatus;
  due: string | null;
  priority: Priority;
  openedAt: string;
  closedAt: string | null;
  outcome: string | null;
  /** The engine's close reason: completed, deadline, cancelled, ended… */
  closeReason: string | null;
  closedBy: string | null;
  escalated: boolean;
  practice: boolean;
}

/** A due timer leased to one worker until `leaseExpires`. `id` is `${instanceId}:${timerId}`. */
export interface LeasedTimer {
  id: string;
  instanceId: string;
  timerId: string;
  due: string;
  leaseOwner: string;
  leaseExpires: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  createdAt: string;
  roles: string[];
}

export interface UserWithPassword extends User {
  passwordHash: string;
}

/** `id` is the SHA-256 of the session secret; the secret itself is never stored. */
export interface Session {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revoked: boolean;
  stage: SessionStage;
}

/** `read`: safe methods only; `act`: everything its owner's roles allow. */
export type ApiTokenScope = 'read' | 'act';

/** The token's secret is never stored, only its SHA-256. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  scope: ApiTokenScope;
  createdAt: string;
  expiresAt: string;
  /** Updated at most about once a minute (each update is a write). */
  lastUsedAt: string | null;
  revoked: boolean;
  revokedAt: string | null;
  /** `owner`, `admin`, or the account change that ended it: `password`, `roles`, `two-factor`, `disabled`. */
  revokedReason: string | null;
}

export type AccessOutcome = 'allow' | 'deny';

/** Who touched which data, and whether they were let in. */
export interface AccessEntry {
  at: string;
  userId: string | null;
  role: string | null;
  action: string;
  instanceId: string | null;
  /** e.g. `phi`, `definition`, `account`. */
  dataCategory: string | null;
  outcome: AccessOutcome;
  detail: string | null;
  /** The break-glass grant this access relied on, if it was allowed only by one. */
  emergencyAccessId?: string | null;
}

export interface AccessRecord extends AccessEntry {
  id: number;
  emergencyAccessId: string | null;
  /** The reason given for that grant. */
  emergencyReason: string | null;
}

export interface IdempotencyRecord {
  key: string;
  userId: string;
  /** Method and route, e.g. `POST /api/tasks/:id/complete`. */
  route: string;
  status: number;
  response: unknown;
  createdAt: string;
}

/** `due-soon`: the holder's reminder that a deadline is near (written by the timer worker, not a change). */
export type NotificationKind = 'assigned' | 'overdue' | 'escalated' | 'cancelled' | 'due-soon';

/** Addressed to a user or to everyone in a role. */
export interface Notification {
  id: string;
  userId: string | null;
  role: string | null;
  kind: NotificationKind;
  taskId: string | null;
  instanceId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface TaskComment {
  id: string;
  taskId: string;
  instanceId: string;
  userId: string;
  at: string;
  body: string;
}
