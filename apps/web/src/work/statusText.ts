import type { RequestStatus } from '@portalflow/contract';
import { dueTime } from './dueTime.ts';

type Waiting = RequestStatus['waitingOn'][number];

/** Who is on a step, by name as My work says it ("You" for the reader), else "a colleague". */
const holderWords = (holder: string | null): string =>
  holder === 'You' ? 'you are' : holder ? `${holder} is` : 'a colleague is';

/**
 * One open step of a request as said on a status call: who has it (the colleague's name, `holder`,
 * when the directory knows it), whether someone is on it, and the
 * clinic's clock time it is due — "overdue since …" once that has passed, so the caller hears that it
 * is late — with how far off in brackets.
 */
export function waitingText(
  w: Omit<Waiting, 'heldBy'>,
  now: number,
  holder: string | null = null,
): { text: string; overdue: boolean } {
  const who = `With ${w.roleName ?? 'no role'}${w.step ? ` — ${w.step}` : ''}`;
  const state = !w.taken ? 'waiting in the pool' : `${holderWords(holder)} working on it`;
  if (!w.due) return { text: `${who} · ${state}`, overdue: false };
  const due = dueTime(w.due, now);
  const when = `${due.overdue ? 'overdue since' : 'due'} ${due.when} (${due.relative})`;
  return { text: `${who} · ${state} · ${when}`, overdue: due.overdue };
}

type Wait = Pick<RequestStatus['waits'][number], 'step' | 'until'>;

/**
 * A step the request waits on that nobody works (the payer's answer, the patient's reply, a result held
 * until the provider has talked with the patient), as said on a status call: what it waits for, where
 * the caller may read it, and the clinic's clock time its timer ends the wait at the latest.
 */
export function waitText(w: Wait, now: number): string {
  const what = w.step ? `Waiting — ${w.step}` : 'Waiting for an answer or a set time, not on anyone’s list';
  if (!w.until) return `${what} · until the answer comes`;
  const until = dueTime(w.until, now);
  return `${what} · until ${until.when} at the latest (${until.relative})`;
}
