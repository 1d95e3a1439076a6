import type { AccountAdminStore } from './accounts.ts';
import type { AttachmentStore } from './attachments.ts';
import type { ChainCheck, ChainReport } from './chain.ts';
import type { CommitResult, InstanceChange } from './change.ts';
import type { ClinicStore } from './clinic.ts';
import type { DueSoonPort } from './due-soon.ts';
import type { HelpStore } from './help.ts';
import type { InstanceMigrationStore } from './instance-migration.ts';
import type { IntakeKeyStore } from './intake.ts';
import type { NoteStore } from './notes.ts';
import type { OutboxStore } from './outbox.ts';
import type {
  AccessEntry,
  AccessOutcome,
  AccessRecord,
  ApiToken,
  ApiTokenScope,
  AuditEvent,
  DefinitionSummary,
  DefinitionVersion,
  Draft,
  IdempotencyRecord,
  Instance,
  InstanceSummary,
  LeasedTimer,
  Notification,
  NotificationKind,
  Page,
  PublishedSummary,
  Session,
  Task,
  TaskComment,
  TaskStatus,
  User,
  UserWithPassword,
  VersionSummary,
} from './records.ts';
import type { RoleSignOffStore } from './role-records.ts';
import type { SecurityStore, SessionStage } from './security.ts';
import type { SsoStore } from './sso.ts';
import type { TaskDraftStore } from './task-drafts.ts';
import type {
  CompletionCount,
  CompletionQuery,
  EscalationQuery,
  EscalationTally,
  NewTrackingEntry,
  OpenOverdueQuery,
  OpenOverdueTally,
  RequestTally,
  TallyFilter,
  TallyKey,
  TaskTally,
  TaskTallyQuery,
  TrackingChainCheck,
  TrackingEntry,
  TrackingEntryChange,
  TrackingEntryEdit,
  TrackingEntryQuery,
  TrackingEntryResult,
  VolumeQuery,
  VolumeRow,
} from './tracking/types.ts';

export interface SaveDraftInput {
  id: string;
  title: string;
  definition: unknown;
  /** Omit to keep the stored layout. */
  layout?: unknown;
  /** The revision the caller read; 0 creates the draft. */
  expectedRevision: number;
  updatedBy: string | null;
  at?: string;
}

export type SaveDraftResult =
  | { ok: true; draft: Draft }
  | { ok: false; reason: 'conflict'; current: Draft | null }
  | { ok: false; reason: 'not-found' };

export interface PublishInput {
  definitionId: string;
  /** The draft revision the caller checked (linted); publishing fails with `conflict` if it moved. */
  expectedRevision?: number;
  publishedBy: string | null;
  at?: string;
}

export type PublishResult =
  | { ok: true; version: DefinitionVersion; created: boolean }
  | { ok: false; reason: 'conflict'; current: Draft }
  | { ok: false; reason: 'not-found' };

export interface InstanceFilter {
  definitionId?: string;
  status?: Instance['status'];
  /** Inclusive lower bound on `startedAt`. */
  startedFrom?: string;
  /** Exclusive upper bound on `startedAt`. */
  startedTo?: string;
  /** Inclusive lower bound on `updatedAt` (the last change: for a finished instance, when it ended). */
  updatedFrom?: string;
  /** Only instances pinned to this version. */
  version?: number;
  /** Default false: sandbox instances are listed only when asked for. */
  practice?: boolean;
  /** Instances this person started or recorded any event on. */
  actor?: string;
  /** Instances any of these people started or recorded an event on (an empty list finds none). */
  actors?: string[];
  /**
   * Instances whose data holds this value (a patient reference), compared without case, spaces,
   * dashes, underscores or "#" (see `libsql/reference-match.ts`).
   */
  dataValue?: string;
  /** Default 50, at most 500. */
  limit?: number;
  cursor?: string | null;
}

export type TaskScope = 'mine' | 'pool' | 'all';

/**
 * `mine`: assigned to `userId`. `pool`: open and unassigned in one of `roles`. `all`: in one of `roles`
 * (any assignee) or assigned to `userId`. Ordered by due (no due last), then opened time, then id.
 */
export interface TaskQuery {
  scope: TaskScope;
  userId?: string;
  roles?: readonly string[];
  /** Default `open`. `pool` is always open. */
  status?: TaskStatus;
  definitionId?: string;
  /** Only tasks due strictly before this time (tasks without a due time are left out). */
  dueBefore?: string;
  /** Default false. */
  practice?: boolean;
  /**
   * With `practice` and the `pool` scope: the pool also holds the unassigned tasks of this person's own
   * practice runs still going, whatever their role (the starter plays every role of a practice run).
   */
  practiceRunsOf?: string;
  /** Default 50, at most 500. */
  limit?: number;
  cursor?: string | null;
}

export interface ClaimTimersInput {
  now: string;
  /** Worker identity, e.g. `${hostname}:${pid}`. */
  owner: string;
  leaseMs: number;
  limit?: number;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  displayName?: string;
  roles?: readonly string[];
  /** Generated when omitted. */
  id?: string;
  at?: string;
}

export type CreateUserResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'username-taken' | 'id-taken' };

export interface UserPatch {
  displayName?: string;
  passwordHash?: string;
  /** `true` also revokes the user's sessions and API tokens. */
  disabled?: boolean;
}

export interface AccessQuery {
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
  userId?: string;
  /** Entries about this instance, and the list reads and searches that showed it (their detail names it). */
  instanceId?: string;
  /** Entries about any of these instances (one patient's requests), and the lists and searches that showed one. */
  instanceIds?: readonly string[];
  outcome?: AccessOutcome;
  /**
   * `false`: leave out allowed list reads (a GET of a task or request list); searches, refusals and
   * reads under break-glass access stay.
   */
  listReads?: boolean;
  /** Default false: entries about practice instances are left out; true lists only those. */
  practice?: boolean;
  /** Only entries made under break-glass emergency access. */
  emergency?: boolean;
  /** Only entries of this data category (`phi`, `history`, `instance-list`, …). */
  category?: string;
  /** Newest first (the report's order); default oldest first. */
  newestFirst?: boolean;
  /**
   * Only entries written up to this one (`newestAccessId` at the start of a long read): entries written
   * while an export pages through the log stay out of it, whatever time they carry.
   */
  throughId?: number;
  /** Default 100, at most 1000. */
  limit?: number;
  cursor?: string | null;
}

/** A notification written on its own (e.g. an overdue reminder), not as part of an instance change. */
export interface NewNotification {
  kind: NotificationKind;
  userId?: string | null;
  role?: string | null;
  taskId?: string | null;
  instanceId?: string | null;
  createdAt?: string;
}

export interface NotificationQuery {
  userId: string;
  roles?: readonly string[];
  unreadOnly?: boolean;
  /** Default 50, at most 500. */
  limit?: number;
}

/**
 * One change-feed row: `message` is the JSON text of an array — the messages of every change that won
 * in one group-commit batch (or the one message of `appendFeed`). Ids rise in commit order.
 */
export interface FeedEntry {
  id: number;
  at: string;
  message: string;
}

/**
 * The ids the feed holds now (null / 0 before anything was written). A reader that saw id n has missed
 * pruned entries exactly when `oldest > n + 1`.
 */
export interface FeedBounds {
  oldest: number | null;
  newest: number;
}

/** Where one instance's history ends: its last event's seq and hash. */
export interface ChainHead {
  instanceId: string;
  seq: number;
  hash: string;
}

/** Group-commit counters since open. */
export interface CommitStats {
  /** `batch()` calls made by the group-commit queue. */
  batches: number;
  /** Units committed through it (instance changes, access-log entries). */
  units: number;
  largestBatch: number;
}

/** What `health()` reports: the database answered, at this schema, with these durability settings. */
export interface StoreHealth {
  schemaVersion: number;
  /** `wal` for a file database; null where the server does not say. */
  journalMode: string | null;
  /** 2 = FULL. */
  synchronous: number | null;
  foreignKeys: boolean | null;
  /** How this process's commits reach a file: see `OneWriterClient`. Null for a libSQL server. */
  writes: 'writer' | 'forwarding' | 'alone' | null;
}

/** Drafts and immutable published versions of workflows. */
export interface DefinitionPort {
  saveDraft(input: SaveDraftInput): Promise<SaveDraftResult>;
  getDraft(id: string): Promise<Draft | null>;
  listDefinitions(): Promise<DefinitionSummary[]>;
  /** Workflows with at least one published version; drafts never published are left out. */
  listPublished(): Promise<PublishedSummary[]>;
  publish(input: PublishInput): Promise<PublishResult>;
  /** The latest version when `version` is omitted. */
  getVersion(definitionId: string, version?: number): Promise<DefinitionVersion | null>;
  listVersions(definitionId: string): Promise<VersionSummary[]>;
  /** Deletes a draft never published; a published workflow is retired instead, never deleted. */
  deleteDraft(definitionId: string): Promise<DeleteDraftResult>;
  /** No new request starts on it from now on; running ones finish. Retiring twice keeps the first. */
  retireDefinition(input: RetireInput): Promise<RetireResult>;
  /** A retired workflow starts requests again. False when it was not retired. */
  bringBackDefinition(definitionId: string): Promise<boolean>;
  /** Requests still running (practice runs aside), by the version they are on. */
  countRunning(definitionId: string): Promise<Array<{ version: number; running: number }>>;
}

export type DeleteDraftResult = { ok: true } | { ok: false; reason: 'not-found' | 'published' };

export interface RetireInput {
  definitionId: string;
  retiredBy: string | null;
  at?: string;
}

export type RetireResult =
  | { ok: true; retiredAt: string; retiredBy: string | null }
  | { ok: false; reason: 'not-found' | 'not-published' };

/** The instance aggregate: instances, the one conditional commit that changes them, their tasks and comments. */
export interface InstancePort {
  commitInstanceChange(change: InstanceChange): Promise<CommitResult>;
  getInstance(id: string): Promise<Instance | null>;
  listInstances(filter?: InstanceFilter): Promise<Page<InstanceSummary>>;
  listTasks(query: TaskQuery): Promise<Page<Task>>;
  /**
   * Tasks this person completed since `since` (practice ones only when asked), newest first, at most
   * `limit` (default 200, at most 500): My work's Done folder.
   */
  listCompletedBy(query: {
    userId: string;
    since: string;
    practice?: boolean;
    limit?: number;
  }): Promise<Task[]>;
  getTask(id: string): Promise<Task | null>;
  listInstanceTasks(instanceId: string): Promise<Task[]>;
  addComment(input: {
    taskId: string;
    userId: string;
    body: string;
    at?: string;
  }): Promise<TaskComment | null>;
  listComments(taskId: string): Promise<TaskComment[]>;
}

/** Stored answers of requests sent with an Idempotency-Key (saved in the change's own commit). */
export interface IdempotencyPort {
  getIdempotency(key: string, userId: string): Promise<IdempotencyRecord | null>;
  saveIdempotency(record: Omit<IdempotencyRecord, 'createdAt'> & { createdAt?: string }): Promise<boolean>;
  purgeIdempotency(before: string): Promise<number>;
}

/** Durable leased timers (deadlines, reminders). */
export interface TimerPort {
  claimDueTimers(input: ClaimTimersInput): Promise<LeasedTimer[]>;
  releaseTimer(id: string, owner: string): Promise<boolean>;
  /** Deletes a leased timer without firing it (a practice task's deadline); false if not held by `owner`. */
  dropTimer(id: string, owner: string): Promise<boolean>;
  nextTimerDue(): Promise<string | null>;
}

/** Accounts, sessions and API tokens (only SHA-256 hashes of secrets are stored), second factors, admin. */
export interface AuthPort extends SecurityStore, AccountAdminStore {
  createUser(input: NewUser): Promise<CreateUserResult>;
  getUser(id: string): Promise<User | null>;
  findUserByUsername(username: string): Promise<UserWithPassword | null>;
  listUsers(): Promise<User[]>;
  updateUser(id: string, patch: UserPatch): Promise<User | null>;
  setUserRoles(id: string, roles: readonly string[]): Promise<boolean>;
  disableUser(id: string): Promise<boolean>;
  createSession(input: {
    userId: string;
    ttlMs: number;
    at?: string;
    /** Default `full`. */
    stage?: SessionStage;
    /** A short description of the browser ("Chrome on Windows"), shown to admins. */
    clientHint?: string | null;
  }): Promise<{ secret: string; session: Session }>;
  getSession(secret: string, now?: string): Promise<{ session: Session; user: User } | null>;
  touchSession(id: string, input: { at: string; expiresAt?: string }): Promise<boolean>;
  revokeSession(id: string): Promise<boolean>;
  /** Ends every session and API token of the account in one batch (new password, roles, second factor). */
  revokeUserAccess(
    userId: string,
    input: { at: string; reason: string },
  ): Promise<{ sessions: number; tokens: number }>;
  createApiToken(input: {
    userId: string;
    name: string;
    /** Default `act`. */
    scope?: ApiTokenScope;
    expiresAt: string;
    at?: string;
  }): Promise<{ secret: string; token: ApiToken }>;
  /**
   * The token and its owner; null when unknown, revoked, expired at `now` or the owner is disabled.
   * `twoFactor`: the owner has a confirmed authenticator.
   */
  findApiToken(
    secret: string,
    now?: string,
  ): Promise<{ token: ApiToken; user: User; twoFactor: boolean } | null>;
  getApiToken(id: string): Promise<ApiToken | null>;
  /** Newest first, revoked and expired ones included. */
  listApiTokens(userId: string): Promise<ApiToken[]>;
  /** False when there is no such token or it was already revoked. */
  revokeApiToken(id: string, input?: { at?: string; reason?: string }): Promise<boolean>;
  touchApiToken(id: string, at: string): Promise<boolean>;
}

/** The record auditors read: hash-chained histories and the append-only access log. */
export interface AuditPort {
  listEvents(instanceId: string, range?: { fromSeq?: number; toSeq?: number }): Promise<AuditEvent[]>;
  verifyInstance(id: string): Promise<ChainCheck>;
  verifyAll(): Promise<ChainReport>;
  /** Every instance's chain head (by id) and the number of stored events, read together. */
  chainHeads(): Promise<{ events: number; heads: ChainHead[] }>;
  /** The stored hash of each (instance, seq), or null where there is no such event. */
  eventHashes(points: ReadonlyArray<{ instanceId: string; seq: number }>): Promise<Array<string | null>>;
  /** Append-only; entries ride the group-commit queue. */
  logAccess(entry: AccessEntry): Promise<void>;
  listAccess(query?: AccessQuery): Promise<Page<AccessRecord>>;
  /** The id of the entry written last (ids rise in the order entries are written); 0 when there is none. */
  newestAccessId(): Promise<number>;
}

/** Notifications written on their own (those of an instance change ride its commit). */
export interface NotificationPort {
  addNotification(input: NewNotification): Promise<Notification>;
  listNotifications(query: NotificationQuery): Promise<Notification[]>;
  markNotificationsRead(
    ids: readonly string[],
    reader: { userId: string; roles?: readonly string[] },
    at?: string,
  ): Promise<number>;
}

/** The task tracking sheet (practice work is never counted). */
export interface TrackingPort {
  /** Tasks completed in the period, grouped by `keys`, with nearest-rank median and p90 time to complete. */
  tallyCompletedTasks(query: TaskTallyQuery): Promise<TaskTally[]>;
  /** Several groupings of the same tasks from one scan (e.g. detail, totals and per role). */
  tallyCompletedTaskSets(
    filter: TallyFilter,
    groupings: readonly (readonly TallyKey[])[],
  ): Promise<TaskTally[][]>;
  /** Tasks still open whose due time is in the period and before `asOf`. */
  tallyOpenOverdue(query: OpenOverdueQuery): Promise<OpenOverdueTally[]>;
  /** Deadline escalations in the period, by the person and role they left (open tasks too). */
  tallyEscalations(query: EscalationQuery): Promise<EscalationTally[]>;
  /** Completed tasks per clinic-local day and role. */
  tallyVolume(query: VolumeQuery): Promise<VolumeRow[]>;
  /** Completions of one workflow counted from its hash-chained events, by step, outcome and form fields. */
  countCompletions(query: CompletionQuery): Promise<CompletionCount[]>;
  /** `complete` events in the period (event role and actor): the cross-check for the task projection. */
  countCompletionEvents(filter: TallyFilter): Promise<number>;
  /** Requests that ended in the period per workflow (practice runs never), with each workflow's open count now. */
  tallyRequests(period: { from: string; to: string }): Promise<RequestTally[]>;
  createTrackingEntry(input: NewTrackingEntry): Promise<TrackingEntry>;
  updateTrackingEntry(edit: TrackingEntryEdit): Promise<TrackingEntryResult>;
  deleteTrackingEntry(edit: Omit<TrackingEntryEdit, 'day' | 'fields'>): Promise<TrackingEntryResult>;
  /** Null when unknown or deleted. */
  getTrackingEntry(id: string): Promise<TrackingEntry | null>;
  listTrackingEntries(query: TrackingEntryQuery): Promise<TrackingEntry[]>;
  /** The entry's audit trail, oldest first (kept after a delete). */
  listTrackingEntryChanges(id: string): Promise<TrackingEntryChange[]>;
  verifyTrackingEntry(id: string): Promise<TrackingChainCheck>;
}

/** The change feed: what live clients hear about, tailed by every server process. */
export interface FeedPort {
  /** Appends a message outside an instance change (e.g. a published definition); returns its id. */
  appendFeed(message: unknown, at?: string): Promise<number>;
  /** Entries with id > `afterId`, oldest first; default limit 500, at most 5,000. */
  readFeed(afterId: number, limit?: number): Promise<FeedEntry[]>;
  feedBounds(): Promise<FeedBounds>;
  /** Deletes entries with id ≤ `throughId`, always keeping the newest; returns how many. */
  pruneFeed(throughId: number): Promise<number>;
}

/** The database itself. */
export interface OperationsPort {
  /** One round trip to the database; throws if it cannot be reached. */
  health(): Promise<StoreHealth>;
  commitStats(): CommitStats;
  /** Waits for queued commits, then closes the connection. */
  close(): Promise<void>;
}

/** Job descriptions, their sign-offs and refreshers. */
export type RolePort = RoleSignOffStore;
/** Patient help pages. */
export type HelpPort = HelpStore;
/** Moving running instances to a newer version. */
export type MigrationPort = InstanceMigrationStore;
/** Sign-in through an OpenID Provider: linked identities, sign-ins under way, the group mapping. */
export type SsoPort = SsoStore;
/** Email and webhook messages written with the changes that cause them, and their delivery. */
export type OutboxPort = OutboxStore;
/** Keys that sign webhooks and FHIR messages from other systems. */
export type IntakeKeyPort = IntakeKeyStore;
/** A request's notes: written with completions or on their own, edited with a trail. */
export type NotePort = NoteStore;
/** The clinic's opening hours and closures as its admins keep them, with their trail. */
export type ClinicPort = ClinicStore;
/** Files attached to a request, and their removal when attached by mistake. */
export type AttachmentPort = AttachmentStore;
/** What a task's holder typed and has not sent yet, kept with the task until it closes. */
export type TaskDraftPort = TaskDraftStore;

/**
 * Persistence for portalflow: every port in one. Code takes the ports it uses; every implementation
 * runs the shared behaviour suite in test/.
 */
export interface Store
  extends DefinitionPort,
    InstancePort,
    IdempotencyPort,
    TimerPort,
    AuthPort,
    AuditPort,
    NotificationPort,
    DueSoonPort,
    TrackingPort,
    FeedPort,
    OperationsPort,
    RolePort,
    HelpPort,
    MigrationPort,
    SsoPort,
    OutboxPort,
    IntakeKeyPort,
    NotePort,
    ClinicPort,
    AttachmentPort,
    TaskDraftPort {}
