import { type ApiErrorCode, ERRORS, type ErrorStatus, type FieldProblem, fill } from '@portalflow/contract';
import { PortalflowError } from '@portalflow/engine';
import { StoreError } from '@portalflow/store';

/** The one error type of the HTTP layer. Everything else is mapped to it once, in `onError`. */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** For a refused body or query: each field's problem, which a form shows next to the field. */
    readonly refusedFields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** An error from the catalogue: its status, and its message unless a more specific one is given. */
  static of(code: ApiErrorCode, message?: string, details?: unknown): ApiError {
    return new ApiError(ERRORS[code].status, code, message ?? fill(code), details);
  }

  body(): { error: { code: string; message: string; details?: unknown; fields?: FieldProblem[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
        ...(this.refusedFields === undefined ? {} : { fields: this.refusedFields }),
      },
    };
  }
}

/**
 * Engine errors take their status from the contract's catalogue, which must list every engine code
 * (a missing one does not compile), so an unknown code can never quietly become a 422.
 */
export function fromEngine(error: PortalflowError): ApiError {
  const code: ApiErrorCode = error.code;
  return new ApiError(ERRORS[code].status, error.code, error.message, error.details);
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
