import { definitionFields, parseSubject, renderSubject } from '../../subject.ts';
import type { Rule } from '../types.ts';

/**
 * A subject is read in pools, Team and Audit from the moment a request starts, when only the start
 * form's answers are in. Its first field says whose request it is (the patient reference); the fields
 * after it say what the request is. When every one of those is asked by a later step, each new request
 * reads "DEMO-7001 · Appointment" until someone works it: the rows the front desk most needs to tell
 * apart all look alike.
 */
export const subjectFilledLater: Rule = {
  id: 'subject-filled-later',
  severity: 'warning',
  description:
    'A `subject` whose only fields telling requests apart (after the first, whose request it is) are asked by a later step, not the start form, so every new request reads the same.',
  docs: {
    rationale:
      'A request is listed by its subject from the moment it starts, in pools, Team, Audit and the "Request started" note, when only the start form has been answered. If what tells requests apart (a visit type, a kind of question) is asked by a later step, every new request reads "DEMO-7001 · Appointment" until someone works it. Ask that choice on the start form (the step can still show and correct it), or name the request by a start-form field that tells requests apart.',
    incorrect: `"subject": "{patient} · Appointment: {visitType}"  (visitType asked by the scheduler's first task)`,
    correct: `"subject": "{patient} · Appointment: {visitType}"  (visitType also on the start form)`,
  },
  check(ctx, report) {
    const template = ctx.definition.subject;
    if (template === undefined) return;
    const parsed = parseSubject(template);
    if (!parsed.ok) return; // subject-unknown-field reports it
    const known = definitionFields(ctx.definition);
    const atStart = new Set((ctx.definition.intake?.form ?? []).map((f) => f.id));
    const named = [...new Set(parsed.parts.flatMap((p) => ('field' in p ? [p.field] : [])))].filter((id) =>
      known.has(id),
    );
    const later = named.filter((id) => !atStart.has(id));
    if (later.length === 0) return;
    // The first field says whose request it is; another start field after it tells requests apart.
    if (named.slice(1).some((id) => atStart.has(id))) return;

    const labels = later.map((id) => `“${known.get(id)!.label}”`).join(', ');
    const askedBy = ctx.stepIds.find((id) => {
      const step = ctx.steps.get(id);
      return step?.type === 'task' && (step.form ?? []).some((f) => f.id === later[0]);
    });
    const step = askedBy ? ctx.steps.get(askedBy) : undefined;
    const stepName = step?.title ?? askedBy;
    const shownAtStart = renderSubject(
      template,
      Object.fromEntries([...atStart].map((id) => [id, `{${id}}`])),
    );
    const reads = shownAtStart ? `reads “${shownAtStart}”` : 'has no name';
    report({
      path: 'subject',
      message: `Until ${stepName ? `step “${stepName}”` : 'a later step'} answers ${labels}, every new request ${reads} in pools, Team and Audit, so the front desk cannot tell them apart. Ask it on the start form, or name the request by a start-form field that tells requests apart.`,
    });
  },
};
