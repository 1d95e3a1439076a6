import { idToWords } from '../../text/words.ts';
import { edgeLabel, edgeRef, stepName } from '../describe.ts';
import type { Rule } from '../types.ts';

export const unknownTarget: Rule = {
  id: 'unknown-target',
  severity: 'error',
  description:
    'An outcome, branch, otherwise, parallel branch or join, wait `next`, deadline `goTo` or the `start` that names a step that does not exist.',
  docs: {
    rationale:
      'An arrow to nowhere is usually a typo or a step deleted in the editor; an instance following it would be lost.',
    incorrect: `"classify": { "type": "task", "role": "front-desk", "title": "Classify", "outcomes": { "clinical": "is-urgnt" } }`,
    correct: `"classify": { "type": "task", "role": "front-desk", "title": "Classify", "outcomes": { "clinical": "is-urgent" } }`,
  },
  check(ctx, report) {
    const { start } = ctx.definition;
    if (!ctx.steps.has(start))
      report({ path: 'start', message: `The workflow starts at "${start}", which is not a step` });
    for (const edge of ctx.edges) {
      if (ctx.steps.has(edge.to)) continue;
      report({
        path: edge.path,
        step: edge.from,
        edge: edgeRef(edge),
        message:
          edge.kind === 'outcome'
            ? `The outcome “${idToWords(edge.label)}” of ${stepName(ctx.definition, edge.from)} leads to "${edge.to}", which is not a step`
            : `Step ${stepName(ctx.definition, edge.from)} leads to "${edge.to}" (${edgeLabel(edge)}), which is not a step`,
      });
    }
  },
};
