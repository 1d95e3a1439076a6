import type { PracticeWait, PracticeWaitAnswer } from '@portalflow/contract';
import type { Definition, EngineEvent, Timer } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import type { AuthUser } from '../auth/roles.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { playsEveryRole } from './practice-stand-in.ts';

/**
 * A practice run that reaches a waiting step (the payer's answer, the patient's reply, a timer) would
 * stop there: in a sandbox no outside system answers, and the wait's timer may be weeks away. Nobody
 * holds a wait, so there is no task to work and the refresher cannot be finished. The person who
 * started the run plays it instead, as they play every other step: they send the answer the outside
 * system would send (the same `signal` event), or let the time pass (the same `timer-fired` event the
 * wait's timer would send, marked `early` and recorded now: the run's clock does not jump weeks ahead,
 * so what follows is due from now and the training record is not dated in the future).
 *
 * Only practice runs, only their starter: a real request's waiting step moves when the outside answer
 * arrives (the signal route) or its time comes, never because someone chose to let time pass.
 */

/** The timers of one waiting step, soonest first. */
function timersOf(instance: Pick<Instance, 'snapshot'>, token: string): Timer[] {
  return Object.values(instance.snapshot.context.timers)
    .filter((t) => t.token === token)
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** Where a wait's timer leads: its deadline's `goTo`, or the wait's `next` when its length is up. */
function timerTarget(definition: Definition, timer: Timer): string | null {
  const step = definition.steps[timer.step];
  if (step?.type !== 'wait') return null;
  const to = timer.kind === 'wait' ? step.next : step.deadline?.goTo;
  return to ? (definition.steps[to]?.title ?? to) : null;
}

/** The waiting steps of a practice run, each with the answers that play it. */
export function practiceWaits(
  instance: Pick<Instance, 'id' | 'definitionId' | 'snapshot'>,
  definition: Definition,
): PracticeWait[] {
  return Object.values(instance.snapshot.context.active)
    .filter((a) => a.kind === 'wait')
    .sort((x, y) => Number(x.token) - Number(y.token))
    .map((a) => {
      const answers: PracticeWaitAnswer[] = [];
      if (a.signal) answers.push({ answer: 'signal', signal: a.signal });
      const soonest = timersOf(instance, a.token)[0];
      if (soonest)
        answers.push({ answer: 'time', due: soonest.due, goesTo: timerTarget(definition, soonest) });
      return {
        id: `${instance.id}:${a.token}`,
        instanceId: instance.id,
        token: a.token,
        definitionId: instance.definitionId,
        definitionTitle: definition.title,
        step: a.step,
        title: definition.steps[a.step]?.title ?? a.step,
        openedAt: a.openedAt,
        answers,
      };
    });
}

/**
 * The event playing a waiting step makes on this state, or the refusal: 403 unless it is the caller's
 * own practice run, 409 TASK_CLOSED when the step no longer waits, 400 for an answer it does not take.
 */
export function waitPlayEvent(
  user: AuthUser,
  instance: Instance,
  token: string,
  answer: 'signal' | 'time',
): EngineEvent {
  if (!instance.practice)
    throw forbidden('A real request waits for the outside answer or its time: it is not played');
  if (!playsEveryRole(user, instance))
    throw forbidden('Only the person who started this practice run plays its waiting steps');
  const wait = Object.values(instance.snapshot.context.active).find(
    (a) => a.token === token && a.kind === 'wait',
  );
  if (!wait)
    throw new ApiError(
      409,
      'TASK_CLOSED',
      'This step is no longer waiting: it was already played or the run moved on',
      { status: instance.status },
    );
  if (answer === 'signal') {
    if (!wait.signal) throw badAnswer('This step waits only for its time: let the time pass');
    return { type: 'signal', name: wait.signal, data: {}, actor: user.id };
  }
  const timer = timersOf(instance, token)[0];
  if (!timer) throw badAnswer('This step waits only for its outside answer: no time passing ends it');
  return { type: 'timer-fired', timer: timer.id, early: true };
}

const badAnswer = (message: string) => new ApiError(400, 'VALIDATION_FAILED', message);
