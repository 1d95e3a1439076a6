import { ApiError } from '../http/errors.ts';

/**
 * The period a request started in, as the store filters it, from a list's or a search's `from` and `to`.
 * A period that ends before it starts is refused rather than answered with nothing: an empty list reads
 * as "no such request", which an auditor would take for an answer.
 */
export function startedPeriod(q: { from?: string | undefined; to?: string | undefined }): {
  startedFrom?: string;
  startedTo?: string;
} {
  const period: { startedFrom?: string; startedTo?: string } = {};
  if (q.from) period.startedFrom = new Date(q.from).toISOString();
  if (q.to) period.startedTo = new Date(q.to).toISOString();
  if (period.startedFrom && period.startedTo && period.startedFrom > period.startedTo)
    throw new ApiError(400, 'VALIDATION_FAILED', 'The period ends before it starts: “from” is after “to”');
  return period;
}
