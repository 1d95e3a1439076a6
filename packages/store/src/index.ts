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
export { StoreError, StoreErrorCode } from './errors.ts';
export { definitionHash, type EventFields, eventHash, GENESIS_HASH, hashInput, sha256Hex } from './hash.ts';
export { migrate } from './migrate.ts';
export { MIGRATIONS, type Migration } from './migrations/index.ts';
export { DEFAULT_DATABASE_URL, openStore, type StoreOptions } from './open.ts';
export { type Projection, type ProjectionContext, projectEffects } from './projection.ts';
export type {
  AccessEntry,
  AccessOutcome,
  AccessRecord,
  ApiToken,
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
  Device,
  EmergencyAccess,
  EmergencyAccessQuery,
  SecurityStore,
  SessionStage,
  TotpRecord,
} from './security.ts';
export type {
  AccessQuery,
  ClaimTimersInput,
  CommitStats,
  CreateUserResult,
  InstanceFilter,
  NewNotification,
  NewUser,
  NotificationQuery,
  PublishInput,
  PublishResult,
  SaveDraftInput,
  SaveDraftResult,
  Store,
  StoreHealth,
  TaskQuery,
  TaskScope,
  UserPatch,
} from './types.ts';
