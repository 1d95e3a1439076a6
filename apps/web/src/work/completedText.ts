import { humanize } from './format.ts';

/**
 * What the toast after completing a task says: the request it was for, named as its queue row names it
 * (so the next one is not taken for the same patient), then the step and the outcome chosen. Shown on
 * this screen only: it holds the request's subject, so it is never logged or stored.
 */
export function completedText(
  stepTitle: string,
  outcome: string,
  request: string,
): { title: string; request: string; done: string } {
  return { title: 'Completed', request, done: `“${stepTitle}” — ${humanize(outcome)}.` };
}
