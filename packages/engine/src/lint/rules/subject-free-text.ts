import { definitionFields, parseSubject } from '../../subject.ts';
import type { Rule } from '../types.ts';

/**
 * The subject is shown without "Show values": in pool rows, toasts, notifications, Team and the
 * auditor's list. A multi-line answer is where a patient's own words go (a question, symptoms, notes),
 * so it must not be copied there. A warning, not an error: a version already published keeps running.
 */
export const subjectFreeText: Rule = {
  id: 'subject-free-text',
  severity: 'warning',
  description: 'A `subject` that shows a multi-line text field (`textarea`): the patient’s own words, notes.',
  docs: {
    rationale:
      'The subject is shown in every queue, toast, notification and list, to everyone who can see the request, without "Show values". A multi-line answer holds what the patient wrote or what staff noted (a question, symptoms, amounts), which belongs on the task; a subject tells requests apart with a reference, a name, a choice or a date.',
    incorrect: `"subject": "{patient} · Billing: {question}"  (question is a textarea)`,
    correct: `"subject": "{patient} · Billing: {requestType}"  (requestType is a select)`,
  },
  check(ctx, report) {
    const template = ctx.definition.subject;
    if (template === undefined) return;
    const parsed = parseSubject(template);
    if (!parsed.ok) return; // subject-unknown-field reports it
    const fields = definitionFields(ctx.definition);
    const seen = new Set<string>();
    for (const part of parsed.parts) {
      if (!('field' in part) || seen.has(part.field)) continue;
      seen.add(part.field);
      const field = fields.get(part.field);
      if (field?.type !== 'textarea') continue;
      report({
        path: 'subject',
        message: `The subject shows “${field.label}”, a free-text answer, in every list, notification and toast: patient text belongs on the task, not in the subject. Use a short identifying field instead (a reference, a name, a choice, a date).`,
      });
    }
  },
};
