import type { FormField } from '../../definition.ts';
import { definitionFields, parseSubject } from '../../subject.ts';
import type { Rule } from '../types.ts';

/** What the finding says about one field the subject shows; undefined when the subject may show it. */
function problem(field: FormField): string | undefined {
  // The patient's own words first: a one-line subject they typed is as much theirs as a message.
  if (field.from === 'patient')
    return `The subject shows “${field.label}”, the patient’s own words, in every list, notification and toast colleagues see. Name the request by a choice staff or the start form set instead (a topic, a kind of problem) and leave what the patient wrote on the task.`;
  if (field.type === 'textarea')
    return `The subject shows “${field.label}”, a free-text answer, in every list, notification and toast: patient text belongs on the task, not in the subject. Use a short identifying field instead (a reference, a name, a choice, a date).`;
  return undefined;
}

/**
 * The subject is shown without "Show values": in pool rows, toasts, notifications, Team and the
 * auditor's list. The patient's own words ("my HIV test results??") and multi-line notes must not be
 * copied there. A warning, not an error: a version already published keeps running.
 */
export const subjectFreeText: Rule = {
  id: 'subject-free-text',
  severity: 'warning',
  description:
    'A `subject` that shows the patient’s own words (a field with `"from": "patient"`) or a multi-line text field (`textarea`).',
  docs: {
    rationale:
      'The subject is shown in every queue, toast, notification and list, to everyone who can see the request, without "Show values". What the patient wrote (a message, the subject line they chose, the symptoms they reported: fields marked `"from": "patient"`) and multi-line notes belong on the task; a subject tells requests apart with a reference, a choice staff or the start form set, or a date.',
    incorrect: `"subject": "{patient} · Message: {subjectLine}"  (subjectLine has "from": "patient")`,
    correct: `"subject": "{patient} · Message: {category}"  (category is a select)`,
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
      const message = field && problem(field);
      if (message) report({ path: 'subject', message });
    }
  },
};
