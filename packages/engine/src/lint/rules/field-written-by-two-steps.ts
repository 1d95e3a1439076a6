import { idToWords } from '../../text/words.ts';
import { fieldWriters } from '../../writes.ts';
import { listSteps, stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const fieldWrittenByTwoSteps: Rule = {
  id: 'field-written-by-two-steps',
  severity: 'error',
  description:
    'Two steps whose forms write the same data field, unless each marks it `"ownership": "shared"`; or a step writing a field another step owns (`"ownership": "owned"`).',
  docs: {
    rationale:
      "A field id is where an answer is kept in the instance data, and a decision may read it. When a second step's form has the same field, its answer silently replaces the first step's: another role can change what a decision reads. Keep the field in one step; mark it `shared` in every step that writes it when a later answer is meant to replace an earlier one (a retry, a decline several steps may record); mark it `owned` in the one step that may write it, and no other step (and no start data) can.",
    incorrect: `"review": { …, "form": [{ "id": "needsPriorAuth", "label": "Prior auth needed", "type": "boolean" }] },
"approve": { …, "form": [{ "id": "needsPriorAuth", "label": "Prior auth needed", "type": "boolean" }] }`,
    correct: `"review": { …, "form": [{ "id": "needsPriorAuth", "label": "Prior auth needed", "type": "boolean", "ownership": "owned" }] },
"approve": { …, "form": [{ "id": "approvalNote", "label": "Note", "type": "text" }] }`,
  },
  check(ctx, report) {
    for (const [field, writers] of fieldWriters(ctx.definition)) {
      if (writers.length < 2) continue;
      const pathOf = (step: string) => {
        const s = ctx.definition.steps[step];
        const index = s?.type === 'task' ? (s.form ?? []).findIndex((f) => f.id === field) : -1;
        return `steps.${step}.form.${index}.id`;
      };
      // The name the lead gave the answer, as the editor shows its key ("payerAnswer" is “Payer answer”).
      const answer = `“${idToWords(field)}”`;
      const owner = writers.find((w) => w.field.ownership === 'owned');
      if (owner) {
        for (const w of writers) {
          if (w === owner) continue;
          report({
            path: pathOf(w.step),
            step: w.step,
            severity: 'error',
            message: `${stepName(ctx.definition, w.step)} saves its answer as ${answer}, which only ${stepName(ctx.definition, owner.step)} may save. Give it its own name, or let the steps share it.`,
          });
        }
        continue;
      }
      if (writers.every((w) => w.field.ownership === 'shared')) continue;
      const names = listSteps(
        ctx.definition,
        writers.map((w) => w.step),
      );
      const replaces =
        writers.length === 2
          ? `${names} both save their answer as ${answer}: the later one replaces the earlier.`
          : `${names} all save their answer as ${answer}: a later one replaces an earlier one.`;
      for (const w of writers.slice(1)) {
        report({
          path: pathOf(w.step),
          step: w.step,
          message: `${replaces} Give each its own name, or mark the answer as one the steps share.`,
        });
      }
    }
  },
};
