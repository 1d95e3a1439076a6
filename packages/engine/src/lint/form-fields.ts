import type { FormField } from '../definition.ts';
import type { LintContext } from './context.ts';
import { stepName } from './describe.ts';

/** One field of any form in the workflow, with where it is written and how findings name its form. */
export interface FieldAt {
  field: FormField;
  /** `steps.<id>.form.<i>` or `intake.form.<i>`. */
  path: string;
  /** The task the field belongs to; undefined on the start form. */
  step?: string;
  /** `task "Prepare the refill"` or `the start form`. */
  form: string;
}

/** Every task form field, then the start form's, in the order they are written. */
export function allFields(ctx: LintContext): FieldAt[] {
  const out: FieldAt[] = [];
  for (const { id, step } of ctx.ofKind('task')) {
    const form = `task ${stepName(ctx.definition, id)}`;
    for (const [i, field] of (step.form ?? []).entries())
      out.push({ field, path: `steps.${id}.form.${i}`, step: id, form });
  }
  for (const [i, field] of (ctx.definition.intake?.form ?? []).entries())
    out.push({ field, path: `intake.form.${i}`, form: 'the start form' });
  return out;
}
