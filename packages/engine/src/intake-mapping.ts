import type { Definition, IntakeChannel } from './definition.ts';
import type { FieldError } from './form.ts';
import { validateIntake } from './intake.ts';
import { resolvePointer } from './json-pointer.ts';

export type IntakeMapping =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; errors: (FieldError & { pointer?: string })[] };

/** The field map a definition declares for messages arriving on `channel`, if it accepts them. */
export function intakeFieldMap(
  definition: Definition,
  channel: IntakeChannel,
): Readonly<Record<string, string>> | null {
  return definition.intake?.[channel]?.fields ?? null;
}

/**
 * The start data a message from another system gives: each mapped start-form field is read at its
 * JSON pointer, then the result is validated exactly like a start form staff filled in. A field whose
 * pointer finds nothing is left out (an error when the field is required). Errors name the start-form
 * field and the pointer it was read from.
 */
export function mapIntake(
  definition: Definition,
  channel: IntakeChannel,
  message: unknown,
  today?: string,
): IntakeMapping {
  const map = intakeFieldMap(definition, channel);
  if (!map)
    return { ok: false, errors: [{ field: '', message: `This workflow takes no ${channel} intake` }] };
  const data: Record<string, unknown> = {};
  for (const [field, pointer] of Object.entries(map)) {
    const value = resolvePointer(message, pointer);
    if (value !== undefined && value !== null) data[field] = value;
  }
  const errors = validateIntake(definition, data, today);
  if (errors.length > 0)
    return {
      ok: false,
      errors: errors.map((e) =>
        map[e.field] === undefined
          ? e
          : { ...e, message: `${e.message} (read from ${map[e.field]})`, pointer: map[e.field] },
      ),
    };
  return { ok: true, data };
}
