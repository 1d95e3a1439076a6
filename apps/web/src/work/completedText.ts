import { humanize } from './format.ts';

/** Steps of the same request that the completion opened in the pool of the role just worked. */
export interface NextInPool {
  titles: string[];
  /** The pool in a sentence: "the Patient billing specialist pool". */
  pool: string;
}

/**
 * What the toast after completing a task says: the request it was for, named as its queue row names it
 * (so the next one is not taken for the same patient), then the step and the outcome chosen, and what of
 * the same request now waits in the same pool (the specialist who just read the account works the
 * claim next, and would otherwise have to find it again). Shown on this screen only: it holds the
 * request's subject, so it is never logged or stored.
 */
export function completedText(
  stepTitle: string,
  outcome: string,
  request: string,
  nextInPool?: NextInPool,
): { title: string; request: string; done: string; next: string | null } {
  const titles = nextInPool?.titles ?? [];
  const next =
    titles.length > 0
      ? `Next on this request: ${titles.map((t) => `“${t}”`).join(', ')}, waiting in ${nextInPool!.pool}.`
      : null;
  return { title: 'Completed', request, done: `“${stepTitle}” — ${humanize(outcome)}.`, next };
}
