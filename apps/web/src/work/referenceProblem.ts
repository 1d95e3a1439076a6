import type { Startable } from '@portalflow/contract';
import { chartNumber } from '@portalflow/engine';
import { checkForm } from './form.ts';

/**
 * What New request would say of `typed` as a patient reference, or null when it would take it: the
 * check of the `patient` field (the field every request is looked up by) of the workflows the person
 * can start, in that field's own words ("Patient reference must be a chart number such as DEMO-5001").
 * A reference one of them takes is fine; so is any, when none checks its form. The FHIR spelling
 * ("Patient/DEMO-5001") is read as its chart number, as requests keep it. Asked before the lookup,
 * so a name typed there is never sent.
 */
export function referenceProblem(typed: string, workflows: readonly Startable[]): string | null {
  const value = chartNumber(typed.trim());
  let problem: string | null = null;
  for (const workflow of workflows) {
    const field = workflow.form.find((f) => f.id === 'patient' && f.type === 'text');
    if (!field) continue;
    const said = checkForm([field], { patient: value })[field.id];
    if (said === undefined) return null;
    problem ??= said;
  }
  return problem;
}
