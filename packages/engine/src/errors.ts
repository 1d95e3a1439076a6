/**
 * One error type with a code. The catalogue below is what callers switch on; the HTTP layer
 * maps codes to statuses in one place.
 */
export const ErrorCode = {
  /** The definition text is not JSON/YAML or does not match the schema. */
  DEFINITION_INVALID: 'DEFINITION_INVALID',
  /** The definition parses but lint found errors, so it cannot be compiled or run. */
  DEFINITION_HAS_ERRORS: 'DEFINITION_HAS_ERRORS',
  EXPRESSION_INVALID: 'EXPRESSION_INVALID',
  CALENDAR_INVALID: 'CALENDAR_INVALID',
  DURATION_INVALID: 'DURATION_INVALID',
  NOT_STARTED: 'NOT_STARTED',
  ALREADY_STARTED: 'ALREADY_STARTED',
  INSTANCE_ENDED: 'INSTANCE_ENDED',
  STEP_NOT_ACTIVE: 'STEP_NOT_ACTIVE',
  STEP_AMBIGUOUS: 'STEP_AMBIGUOUS',
  WRONG_ROLE: 'WRONG_ROLE',
  NOT_ASSIGNEE: 'NOT_ASSIGNEE',
  UNKNOWN_OUTCOME: 'UNKNOWN_OUTCOME',
  UNKNOWN_ROLE: 'UNKNOWN_ROLE',
  FORM_INVALID: 'FORM_INVALID',
  /** An event carries a data field its step does not declare (a task's form; a signal's wait declares none). */
  UNDECLARED_FIELD: 'UNDECLARED_FIELD',
  /** An event writes a field that another step owns (`"ownership": "owned"`). */
  FIELD_OWNED: 'FIELD_OWNED',
  SIGNAL_NOT_AWAITED: 'SIGNAL_NOT_AWAITED',
  UNKNOWN_TIMER: 'UNKNOWN_TIMER',
  TIMER_NOT_DUE: 'TIMER_NOT_DUE',
  TIME_WENT_BACKWARDS: 'TIME_WENT_BACKWARDS',
  EVENT_INVALID: 'EVENT_INVALID',
  REPLAY_MISMATCH: 'REPLAY_MISMATCH',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class PortalflowError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'PortalflowError';
    this.code = code;
    this.details = details;
  }
  toJSON(): { code: ErrorCode; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function exhaustive(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
