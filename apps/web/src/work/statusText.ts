import type { RequestStatus } from '@portalflow/contract';
import { formatWhen } from '../shell/time.ts';

type Waiting = RequestStatus['waitingOn'][number];

/**
 * One open step of a request as said on a status call: who has it, whether someone is on it, and until
 * when — "overdue since …" once its due time has passed, so the caller hears that it is late.
 */
export function waitingText(w: Waiting, now: number): { text: string; overdue: boolean } {
  const who = `With ${w.roleName ?? 'no role'}${w.step ? ` — ${w.step}` : ''}`;
  const state = w.taken ? 'a colleague is working on it' : 'waiting in the pool';
  const overdue = w.due !== null && Date.parse(w.due) < now;
  const when = w.due ? ` · ${overdue ? 'overdue since' : 'due'} ${formatWhen(w.due, now)}` : '';
  return { text: `${who} · ${state}${when}`, overdue };
}
