import { PortalflowError } from '@portalflow/engine';
import { StoreError } from '@portalflow/store';

/** The one error type of the HTTP layer. Everything else is mapped to it once, in `onError`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): { error: { code: string; message: string; details?: unknown } } {
    return this.details === undefined
      ? { error: { code: this.code, message: this.message } }
      : { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** Engine error codes → HTTP statuses. A lost race (the step moved on) is a conflict, not bad input. */
const ENGINE_STATUS: Record<string, ApiError['status']> = {
  DEFINITION_INVALID: 422,
  DEFINITION_HAS_ERRORS: 422,
  EXPRESSION_INVALID: 422,
  CALENDAR_INVALID: 422,
  DURATION_INVALID: 422,
  EVENT_INVALID: 422,
  FORM_INVALID: 422,
  // A field the step does not write is refused like any other unexpected key in a request body.
  UNDECLARED_FIELD: 400,
  FIELD_OWNED: 400,
  UNKNOWN_OUTCOME: 422,
  UNKNOWN_ROLE: 422,
  STEP_AMBIGUOUS: 422,
  WRONG_ROLE: 403,
  NOT_STARTED: 409,
  ALREADY_STARTED: 409,
  INSTANCE_ENDED: 409,
  STEP_NOT_ACTIVE: 409,
  NOT_ASSIGNEE: 409,
  SIGNAL_NOT_AWAITED: 409,
  UNKNOWN_TIMER: 409,
  TIMER_NOT_DUE: 409,
  TIME_WENT_BACKWARDS: 409,
  REPLAY_MISMATCH: 409,
};

export function fromEngine(error: PortalflowError): ApiError {
  return new ApiError(ENGINE_STATUS[error.code] ?? 422, error.code, error.message, error.details);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof PortalflowError) return fromEngine(error);
  // A cursor comes from the caller: a forged or mangled one is bad input, not a server fault.
  if (error instanceof StoreError && error.code === 'CURSOR_INVALID')
    return new ApiError(400, 'CURSOR_INVALID', 'The cursor is not one this list returned');
  // The database refused the write (disk full, I/O error): the batch rolled back, so nothing changed.
  if (error instanceof StoreError && error.code === 'COMMIT_FAILED')
    return new ApiError(
      503,
      'STORE_UNAVAILABLE',
      'The change could not be saved right now; nothing was changed. Try again shortly.',
    );
  return new ApiError(
    500,
    'INTERNAL',
    'Something went wrong on our side; nothing was changed by this request.',
  );
}

export const notFound = (what: string) => new ApiError(404, 'NOT_FOUND', `${what} was not found`);
export const forbidden = (message = 'Your roles do not allow this') =>
  new ApiError(403, 'FORBIDDEN', message);
