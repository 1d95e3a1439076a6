/**
 * Failures of the store itself (not lost races: those are `{ ok: false, reason }` results).
 * Callers switch on `code`; the HTTP layer maps codes to statuses in one place.
 */
export const StoreErrorCode = {
  /** The change is malformed (bad revision, hash, or a create without `create`). A caller bug. */
  CHANGE_INVALID: 'CHANGE_INVALID',
  /** The batch holding the change failed (I/O error, constraint); nothing in it was written. */
  COMMIT_FAILED: 'COMMIT_FAILED',
  MIGRATION_FAILED: 'MIGRATION_FAILED',
  /** The database was migrated by a newer portalflow than this one. */
  SCHEMA_TOO_NEW: 'SCHEMA_TOO_NEW',
  CURSOR_INVALID: 'CURSOR_INVALID',
  QUERY_INVALID: 'QUERY_INVALID',
  CLOSED: 'CLOSED',
  /** The checkpoint signing key is missing its protection (mode) or is not Ed25519. */
  CHECKPOINT_KEY_INVALID: 'CHECKPOINT_KEY_INVALID',
  /** A checkpoint could not be written (directory unwritable, or the history no longer extends the last one). */
  CHECKPOINT_FAILED: 'CHECKPOINT_FAILED',
} as const;
export type StoreErrorCode = (typeof StoreErrorCode)[keyof typeof StoreErrorCode];

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
