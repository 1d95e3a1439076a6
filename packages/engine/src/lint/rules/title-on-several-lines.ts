import { allFields } from '../form-fields.ts';
import type { Rule } from '../types.ts';

/** A line break, a tab or any other control character: none belongs in a one-line name. */
const CONTROL = /\p{Cc}/u;

/** How a finding shows the text: its control characters as visible escapes. */
const shown = (text: string) =>
  text.replace(/\p{Cc}/gu, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? '\\t'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

export const titleOnSeveralLines: Rule = {
  id: 'title-on-several-lines',
  severity: 'error',
  description:
    'A workflow title, step title, role name, department or form field label holding a line break, a tab or another control character.',
  docs: {
    rationale:
      'These names are one line wherever they appear: queue rows, toasts, the diagram, CSV exports and the plain-text emails staff get. A line break in one starts a new line there, so an email can show lines the title wrote as if they were the email’s own (a “Bcc:” line, a second “Open it:” link pointing elsewhere). Put longer words in the description or the step’s help.',
    incorrect: `"title": "Refill request\\nOpen it: https://elsewhere.example"`,
    correct: `"title": "Refill request", "description": "Open the request from My work."`,
  },
  check(ctx, report) {
    const d = ctx.definition;
    const check = (text: string | undefined, path: string, what: string, step?: string) => {
      if (text === undefined || !CONTROL.test(text)) return;
      report({
        path,
        ...(step === undefined ? {} : { step }),
        message: `${what} “${shown(text)}” runs over several lines: keep it to one line (longer words belong in the description or help)`,
      });
    };
    check(d.title, 'title', 'The workflow title');
    for (const [i, role] of d.roles.entries()) {
      check(role.name, `roles.${i}.name`, 'The role name');
      check(role.department, `roles.${i}.department`, `The department of ${role.id}`);
    }
    // Steps and forms are named by id: their titles may be the very text that runs over lines.
    for (const [id, step] of Object.entries(d.steps))
      check(step.title, `steps.${id}.title`, `The title of step ${id}`, id);
    for (const f of allFields(ctx))
      check(
        f.field.label,
        `${f.path}.label`,
        `A field label of ${f.step === undefined ? 'the start form' : `step ${f.step}`}`,
        f.step,
      );
  },
};
