import type { VerifyResponse } from './types.ts';

type Fault = Extract<VerifyResponse['result'], { ok: false }>['fault'];

/** What each fault the check finds means for the request's history, for an auditor. */
const FAULTS: Record<Fault, string> = {
  'hash-mismatch': 'an event was changed after it was recorded',
  'broken-link': 'an event was removed, added or put out of order',
  'sequence-gap': 'an event is missing',
  'head-mismatch': 'the latest events were removed or replaced',
  'wrong-instance': 'an event of another request was put in this one',
  'not-found': 'the history was not found',
};

/** A fault in words, its code beside them (what the server's check and `portalflow verify` print). */
export const faultWords = (fault: Fault): string =>
  `${FAULTS[fault] ?? 'the history does not check'} (${fault})`;

/**
 * An intact history in words: nothing changed, removed or reordered since each event was recorded,
 * because each event's fingerprint covers the one before; the last fingerprint, shortened, to compare
 * with an export or a signed checkpoint.
 */
export function intactWords(count: number, lastHash: string): string {
  const events = count === 1 ? 'This event has not been' : `None of these ${count} events has been`;
  return `${events} changed, removed or reordered since it was recorded: each event's fingerprint (hash) covers the one before it, and the whole history was checked just now. Last fingerprint ${lastHash.slice(0, 12)}…`;
}
