import { definitionFields, parseSubject } from '../../subject.ts';
import type { Rule } from '../types.ts';

export const subjectUnknownField: Rule = {
  id: 'subject-unknown-field',
  severity: 'error',
  description: 'A `subject` that does not parse, or names a field no start form or task form declares.',
  docs: {
    rationale:
      'The subject is what staff read in every queue to tell requests apart; a field nobody fills in leaves it blank, and a typo would go unnoticed until the queue shows identical rows.',
    incorrect: `"subject": "{patientRef} · Refill: {medicine}"  (the form declares "medication")`,
    correct: `"subject": "{patientRef} · Refill: {medication}"`,
  },
  check(ctx, report) {
    const template = ctx.definition.subject;
    if (template === undefined) return;
    const parsed = parseSubject(template);
    if (!parsed.ok) {
      report({ path: 'subject', message: `The subject does not parse: ${parsed.message}` });
      return;
    }
    const fields = definitionFields(ctx.definition);
    const seen = new Set<string>();
    for (const part of parsed.parts) {
      if (!('field' in part) || fields.has(part.field) || seen.has(part.field)) continue;
      seen.add(part.field);
      report({
        path: 'subject',
        message: `The subject names "{${part.field}}", which no start form or task form declares`,
      });
    }
  },
};
