import { humanize } from './format.ts';

/** Steps of the same request that the completion opened in the pool of the role just worked. */
export interface NextInPool {
  titles: string[];
  /** The pool in a sentence: "the Patient billing specialist pool". */
  pool: string;
}

/** Where the rest of the request went: other roles' pools, waits, or nowhere (it is finished). */
export interface WentOn {
  to: Array<{ title: string; pool: string }>;
  waits: string[];
  finished: boolean;
}

/** "the Provider pool: “Review the result”" for each pool the request went on to. */
function wentOnText(went: WentOn): string | null {
  if (went.to.length > 0) {
    const pools = new Map<string, string[]>();
    for (const { title, pool } of went.to) pools.set(pool, [...(pools.get(pool) ?? []), `“${title}”`]);
    return `Now with ${[...pools].map(([pool, titles]) => `${pool}: ${titles.join(', ')}`).join('; ')}.`;
  }
  if (went.waits.length > 0) return `It now waits: ${went.waits.map((t) => `“${t}”`).join(', ')}.`;
  return went.finished ? 'The request is finished: nothing more to do on it.' : null;
}

/**
 * What the toast after completing a task says: the request it was for, named as its queue row names it
 * (so the next one is not taken for the same patient), then the step and the outcome chosen, and what of
 * the same request now waits in the same pool (the specialist who just read the account works the
 * claim next, and would otherwise have to find it again) — else where the request went (another
 * role's pool, a wait, or nowhere: it is finished), so nobody wonders whether it reached the next
 * person. Shown on this screen only: it holds the request's subject, so it is never logged or stored.
 */
export function completedText(
  stepTitle: string,
  outcome: string,
  request: string,
  nextInPool?: NextInPool,
  wentOn?: WentOn,
): { title: string; request: string; done: string; next: string | null } {
  const titles = nextInPool?.titles ?? [];
  const next =
    titles.length > 0
      ? `Next on this request: ${titles.map((t) => `“${t}”`).join(', ')}, waiting in ${nextInPool!.pool}.`
      : wentOn
        ? wentOnText(wentOn)
        : null;
  return { title: 'Completed', request, done: `“${stepTitle}” — ${humanize(outcome)}.`, next };
}
