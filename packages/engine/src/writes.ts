import type { Definition, FormField, Step } from './definition.ts';
import { PortalflowError } from './errors.ts';

/**
 * Which instance data an event may write. Start data carries the fields of the start form
 * (`intake.form`) and nothing else, so a workflow without one starts with no data; a task writes
 * the fields of its form and nothing else; a wait declares no fields, so a signal writes none; a
 * field a step owns is written by that step alone (start data included). This is checked when an
 * event is admitted, never merged blindly; replay applies a recorded history as it was accepted.
 */

/** The fields a step declares it writes. */
export function declaredFields(step: Step | undefined): readonly FormField[] {
  return step?.type === 'task' ? (step.form ?? []) : [];
}

/** The ids of the fields start data may carry: the start form's, in form order (none without one). */
export function startFields(definition: Definition): string[] {
  return (definition.intake?.form ?? []).map((f) => f.id);
}

/** Every field some step declares, with the steps that declare it, in definition order. */
export function fieldWriters(definition: Definition): Map<string, Array<{ step: string; field: FormField }>> {
  const writers = new Map<string, Array<{ step: string; field: FormField }>>();
  for (const [id, step] of Object.entries(definition.steps)) {
    const seen = new Set<string>();
    for (const field of declaredFields(step)) {
      // A field listed twice in one form is `form-field-duplicate`'s finding, not a second writer.
      if (seen.has(field.id)) continue;
      seen.add(field.id);
      const list = writers.get(field.id) ?? [];
      list.push({ step: id, field });
      writers.set(field.id, list);
    }
  }
  return writers;
}

/** Definitions are not changed once in use (published versions are immutable), so owners are worked out once. */
const owners = new WeakMap<Definition, Map<string, string>>();

/** The step that owns a field (`"ownership": "owned"` on its form field), if one does. */
function ownerOf(definition: Definition, key: string): string | undefined {
  let byField = owners.get(definition);
  if (!byField) {
    byField = new Map();
    for (const [field, writers] of fieldWriters(definition)) {
      const owner = writers.find((w) => w.field.ownership === 'owned');
      if (owner) byField.set(field, owner.step);
    }
    owners.set(definition, byField);
  }
  return byField.get(key);
}

const quoted = (keys: readonly string[]) => keys.map((k) => `'${k}'`).join(', ');

/**
 * Refuses data an event may not write: keys its form does not declare (UNDECLARED_FIELD, every such
 * key named), then keys another step owns (FIELD_OWNED). `step` is undefined for start data, whose
 * form is the start form: it carries context for people (patient, medication) and, even when the
 * start form lists one by mistake, no field a step owns.
 */
export function checkWrites(
  definition: Definition,
  step: string | undefined,
  data: Record<string, unknown> | undefined,
): PortalflowError | undefined {
  const keys = Object.keys(data ?? {});
  if (keys.length === 0) return undefined;
  const allowed =
    step === undefined ? startFields(definition) : declaredFields(definition.steps[step]).map((f) => f.id);
  const undeclared = keys.filter((k) => !allowed.includes(k)).sort();
  if (undeclared.length > 0) {
    const what = `${undeclared.length === 1 ? 'the field' : 'the fields'} ${quoted(undeclared)}`;
    let message: string;
    if (step !== undefined) {
      const accepts = allowed.length === 0 ? 'it writes no data' : `it writes only ${quoted(allowed)}`;
      message = `Step '${step}' does not declare ${what}; ${accepts}`;
    } else if (allowed.length === 0) {
      message = `'${definition.title}' declares no start form; it takes no start data, so not ${what}`;
    } else {
      message = `The start form of '${definition.title}' does not declare ${what}; it takes only ${quoted(allowed)}`;
    }
    return new PortalflowError('UNDECLARED_FIELD', message, {
      step: step ?? null,
      fields: undeclared,
      allowed,
    });
  }
  const owned = keys
    .map((key) => ({ key, owner: ownerOf(definition, key) }))
    .filter((o): o is { key: string; owner: string } => o.owner !== undefined && o.owner !== step);
  if (owned.length > 0) {
    const first = owned[0]!;
    return new PortalflowError(
      'FIELD_OWNED',
      `The field '${first.key}' is written only by step '${first.owner}'${step === undefined ? '' : `, not by '${step}'`}`,
      { step: step ?? null, fields: owned.map((o) => ({ field: o.key, owner: o.owner })) },
    );
  }
  return undefined;
}
