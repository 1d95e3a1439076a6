import { idToWords } from '../../text/words.ts';
import { stepName } from '../describe.ts';
import { allFields } from '../form-fields.ts';
import type { Rule } from '../types.ts';

/**
 * The words the editor fills in so a new workflow, step, outcome or field is never blank. They are
 * for the lead to replace: staff reading them learn nothing.
 */
const STARTER_HELP = 'describe what to do here.';
const NEW_TASK = /^new task$/i;
const NEW_FIELD = /^new field$/i;
const NEW_OUTCOME = /^outcome(-\d+)?$/;

export const placeholderText: Rule = {
  id: 'placeholder-text',
  severity: 'error',
  description:
    'Words the editor fills in for the lead to replace, left as they were: the starter help “Describe what to do here.”, a task titled “New task”, an outcome named “Outcome”, a field labelled “New field”.',
  docs: {
    rationale:
      'Staff read these words on their tasks and buttons: help that says “Describe what to do here.” tells them nothing, and a button reading “Outcome” does not say what happened. The editor fills them in so nothing is blank; publishing waits until the lead has written the real ones.',
    incorrect: `"check": { "type": "task", "role": "front-desk", "title": "Check the card", "help": "Describe what to do here.",
           "outcomes": { "done": "finished", "outcome": "ask-again" } }`,
    correct: `"check": { "type": "task", "role": "front-desk", "title": "Check the card", "help": "Compare the card with the chart.",
           "outcomes": { "matches": "finished", "does-not-match": "ask-again" } }`,
  },
  check(ctx, report) {
    for (const f of allFields(ctx)) {
      if (!NEW_FIELD.test(f.field.label.trim())) continue;
      const form = f.step === undefined ? 'the start form' : stepName(ctx.definition, f.step);
      report({
        path: `${f.path}.label`,
        ...(f.step === undefined ? {} : { step: f.step }),
        message: `A field of ${form} is still labelled “${f.field.label.trim()}”: name what staff should enter`,
      });
    }
    for (const { id, step } of ctx.ofKind('task')) {
      const name = stepName(ctx.definition, id);
      if (NEW_TASK.test(step.title.trim()))
        report({
          path: `steps.${id}.title`,
          step: id,
          message: `A task is still titled “${step.title.trim()}”: staff would see it in their queue. Say what to do`,
        });
      if (step.help?.trim().toLowerCase() === STARTER_HELP)
        report({
          path: `steps.${id}.help`,
          step: id,
          message: `The help of ${name} is still the example “${step.help.trim()}”: write what staff should do`,
        });
      for (const outcome of Object.keys(step.outcomes)) {
        if (!NEW_OUTCOME.test(outcome)) continue;
        const words = idToWords(outcome);
        report({
          path: `steps.${id}.outcomes.${outcome}`,
          step: id,
          message: `${name} has an outcome still named “${words}”: staff would see a button reading “${words}”. Name it for what happened`,
        });
      }
    }
  },
};
