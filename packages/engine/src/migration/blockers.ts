/** Why an instance (or a mapping entry) cannot move to the other version. */
export const BlockerCode = {
  /** The instance has ended or was cancelled. */
  NOT_ACTIVE: 'not-active',
  /** The step the instance is parked at has no step in version B. */
  UNMAPPED: 'unmapped',
  /** The mapping names a step version A does not have (or one that never holds an instance). */
  UNKNOWN_STEP: 'unknown-step',
  /** The mapping names a step version B does not have. */
  TARGET_MISSING: 'target-missing',
  /** A task must map to a task and a wait to a wait. */
  KIND_MISMATCH: 'kind-mismatch',
  /** The parallel branches the instance is in do not line up with version B's. */
  PARALLEL_MISMATCH: 'parallel-mismatch',
  /** From the mapped step, version B's branch can never reach its join. */
  JOIN_NEVER_COMPLETES: 'join-never-completes',
  /** A wait for a signal mapped to a step that does not wait for it. */
  SIGNAL_MISSING: 'signal-missing',
  /** The migration's time is before the instance's last change. */
  TIME_WENT_BACKWARDS: 'time-went-backwards',
} as const;
export type BlockerCode = (typeof BlockerCode)[keyof typeof BlockerCode];

export interface Blocker {
  code: BlockerCode;
  /** The step of version A concerned, when there is one. */
  step?: string;
  message: string;
}
