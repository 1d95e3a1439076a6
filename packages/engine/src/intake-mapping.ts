import type { Definition, IntakeChannel } from './definition.ts';
import type { FieldError } from './form.ts';
import { validateIntake } from './intake.ts';
import { optionNamedBy } from './intake-concept.ts';
import { resolvePointer } from './json-pointer.ts';
import { withChartNumbers } from './patient-reference.ts';

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
 * pointer finds nothing is left out (an error when the field is required). On the FHIR channel a choice
 * (select) field pointed at a CodeableConcept, or a list of them, takes the option it names (see
 * `optionNamedBy`), and a patient reference ("Patient/DEMO-5001") is taken as its chart number (see
 * `withChartNumbers`). Errors name the start-form field and the pointer it was read from.
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
  const form = definition.intake?.form ?? [];
  for (const [field, pointer] of Object.entries(map)) {
    let value = resolvePointer(message, pointer);
    // A choice read from FHIR is coded (`Communication.category`): it takes the option it names, and
    // a code the workflow does not list leaves the field empty rather than refusing the message.
    const options = form.find((f) => f.id === field && f.type === 'select')?.options;
    if (channel === 'fhir' && options) {
      const named = optionNamedBy(options, value);
      if (named !== undefined) value = named;
    }
    if (value !== undefined && value !== null) data[field] = value;
  }
  // The patient as staff know them: "Patient/DEMO-5001" from the EHR is taken as DEMO-5001.
  const taken = withChartNumbers(definition, data);
  const errors = validateIntake(definition, taken, today);
  if (errors.length > 0)
    return {
      ok: false,
      errors: errors.map((e) =>
        map[e.field] === undefined
          ? e
          : { ...e, message: `${e.message} (read from ${map[e.field]})`, pointer: map[e.field] },
      ),
    };
  return { ok: true, data: taken };
}
