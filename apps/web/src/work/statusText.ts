import type { RequestStatus } from '@portalflow/contract';
import { dueTime } from './dueTime.ts';

type Waiting = RequestStatus['waitingOn'][number];

/**
 * One open step of a request as said on a status call: who has it, whether someone is on it, and the
 * clinic's clock time it is due — "overdue since …" once that has passed, so the caller hears that it
 * is late — with how far off in brackets.
 */
export function waitingText(w: Waiting, now: number): { text: string; overdue: boolean } {
  const who = `With ${w.roleName ?? 'no role'}${w.step ? ` — ${w.step}` : ''}`;
  const state = w.taken ? 'a colleague is working on it' : 'waiting in the pool';
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
