export type {
  Account,
  AccountAdminStore,
  AccountChange,
  AccountChangeDraft,
  AccountEdit,
  AccountEditResult,
  SentInvitation,
  SessionSummary,
} from './accounts.ts';
export type {
  AttachmentAddResult,
  AttachmentDraft,
  AttachmentKey,
  AttachmentLimits,
  AttachmentRecord,
  AttachmentRemoval,
  AttachmentRemoveInput,
  AttachmentRemoveResult,
  AttachmentStore,
} from './attachments.ts';
export { AUDIT_TABLES, type AuditTable } from './audit-tables.ts';
export {
  type ChainCheck,
  type ChainFailure,
  type ChainFault,
  type ChainReport,
  checkHead,
  verifyChain,
} from './chain.ts';
export type {
  CommitResult,
  EventDraft,
  IdempotencyDraft,
  InstanceChange,
  NotificationDraft,
  TaskChange,
  TimerChange,
} from './change.ts';
export {
  bodyDigest,
  CHECKPOINT_FORMAT,
  type CheckpointBody,
  type CheckpointFile,
  checkpointName,
  headsDigest,
} from './checkpoints/format.ts';
export { keyIdOf, loadOrCreateSigningKey, readPublicKey, type SigningKey } from './checkpoints/key.ts';
export {
  type CheckpointFault,
  type CheckpointFinding,
  type CheckpointReport,
  type VerifyCheckpointsInput,
  verifyCheckpoints,
} from './checkpoints/verify.ts';
export {
  listCheckpointFiles,
  readCheckpoint,
  type WriteCheckpointInput,
  type WrittenCheckpoint,
  writeCheckpoint,
} from './checkpoints/write.ts';
export type {
  ClinicCalendarChange,
  ClinicStore,
  SaveClinicCalendarResult,
  StoredClinicCalendar,
} from './clinic.ts';
export { type DueSoonPort, type DueSoonReminder, dueSoonId, type HeldTask } from './due-soon.ts';
export { StoreError, StoreErrorCode } from './errors.ts';
export { definitionHash, type EventFields, eventHash, GENESIS_HASH, hashInput, sha256Hex } from './hash.ts';
export type {
  HelpAction,
  HelpAudience,
  HelpCaptions,
  HelpClinic,
  HelpContent,
  HelpEntry,
  HelpEntryChange,
  HelpEntryFilter,
  HelpEntryPatch,
  HelpKind,
  HelpStatus,
  HelpStore,
  HelpVideo,
  HelpWriteResult,
  NewHelpEntry,
} from './help.ts';
export type {
  InstanceMigrationStore,
  MigrationPlan,
  MigrationResult,
  MigrationResultStatus,
  MigrationRun,
  MigrationRunStatus,
  NewMigrationPlan,
  StartRunResult,
  UpdatePlanResult,
} from './instance-migration.ts';
export type { IntakeKey, IntakeKeyChange, IntakeKeyStore } from './intake.ts';
export { accessCursor } from './libsql/access-log.ts';
export { migrate } from './migrate.ts';
export { MIGRATIONS, type Migration } from './migrations/index.ts';
export type { NoteDraft, NoteEdit, NoteEditResult, NoteKind, NoteRevision, NoteStore } from './notes.ts';
export { DEFAULT_DATABASE_URL, openStore, type StoreOptions } from './open.ts';
export type {
  ClaimOutboxInput,
  EmailKind,
  EmailPreferences,
  LeasedOutboxItem,
  NewOutboxItem,
  OutboxChannel,
  OutboxDraft,
  OutboxItem,
  OutboxOutcome,
  OutboxQuery,
  OutboxStatus,
  OutboxStore,
  WebhookHealth,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from './outbox.ts';
export { type Projection, type ProjectionContext, projectEffects } from './projection.ts';
export type {
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
  StoredEvent,
  Task,
  TaskComment,
  TaskStatus,
  User,
  UserWithPassword,
  VersionSummary,
} from './records.ts';
export type {
  JobApproval,
  JobTextRecord,
  PracticeCompletion,
  RefresherAcknowledgement,
  RefresherSchedule,
  RoleAssignment,
  RoleSignOffStore,
  SaveJobTextInput,
  SaveJobTextResult,
} from './role-records.ts';
export type {
  Device,
  EmergencyAccess,
  EmergencyAccessQuery,
  SecurityStore,
  SessionStage,
  TotpRecord,
} from './security.ts';
export { readSnapshot, type SnapshotFacts, snapshotDatabase } from './snapshot.ts';
export type {
  SsoGroupRoles,
  SsoIdentity,
  SsoLinkReason,
  SsoLogin,
  SsoMappingChange,
  SsoStore,
} from './sso.ts';
export type {
  StoredTaskDraft,
  TaskDraftMarkRow,
  TaskDraftSave,
  TaskDraftSaveResult,
  TaskDraftStore,
} from './task-drafts.ts';
export {
  auditedValues,
  diffValues,
  entryChangeHash,
  verifyEntryChain,
} from './tracking/entry-audit.ts';
export { type TaskFact, taskFactsFromHistory } from './tracking/facts.ts';
export type * from './tracking/types.ts';
export type {
  AccessQuery,
  AttachmentPort,
  AuditPort,
  AuthPort,
  ChainHead,
  ClaimTimersInput,
  ClinicPort,
  CommitStats,
  CreateUserResult,
  DefinitionPort,
  FeedBounds,
  FeedEntry,
  FeedPort,
  HelpPort,
  IdempotencyPort,
  InstanceFilter,
  InstancePort,
  MigrationPort,
  NewNotification,
  NewUser,
  NotificationPort,
  NotificationQuery,
  OperationsPort,
  PublishInput,
  PublishResult,
  RolePort,
  SaveDraftInput,
  SaveDraftResult,
  Store,
  StoreHealth,
  TaskDraftPort,
  TaskQuery,
  TaskScope,
  TimerPort,
  TrackingPort,
  UserPatch,
} from './types.ts';
