import { checkWrites, type Definition, validateIntake } from '@portalflow/engine';
import { ApiError, fromEngine } from '../http/errors.ts';

/**
 * Start data is held to the workflow's start form, whichever route starts it: a key the form does
 * not declare is refused by name (400 UNDECLARED_FIELD, as the engine refuses it, so the caller reads
 * the same error either way), then each field must be of its type and the required ones present
 * (400 VALIDATION_FAILED with field errors, as My work's start form answers), dates against the
 * clinic's `today`. Nothing is stored.
 */
export function checkStartData(definition: Definition, data: Record<string, unknown>, today: string): void {
  const refused = checkWrites(definition, undefined, data);
  if (refused) throw fromEngine(refused);
  const errors = validateIntake(definition, data, today);
  if (errors.length > 0) throw new ApiError(400, 'VALIDATION_FAILED', errors[0]!.message, { fields: errors });
}
