import type { PracticeWaitAnswer } from '@portalflow/contract';
import { idToWords } from '@portalflow/engine';

/**
 * "Waiting for the payer to adjudicate the claim — play it for practice": a practice run's waiting
 * step as its list names it. Workflow titles of waits mostly read "Wait for …"; others are kept whole.
 */
export function waitHeading(title: string): string {
  const waitFor = /^wait for\s+/i.exec(title);
  const what = waitFor
    ? `Waiting for ${title.slice(waitFor[0].length)}`
    : `Waiting: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
  return `${what} — play it for practice`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The button: the outside answer in words ("Claim adjudicated"), or the time passing. */
export function answerLabel(answer: PracticeWaitAnswer): string {
  return answer.answer === 'signal' ? capital(idToWords(answer.signal)) : 'Let the time pass';
}

/** What the answer stands for: the outside system answering, or nobody answering in time. */
export function answerHint(answer: PracticeWaitAnswer, when: (iso: string) => string = (iso) => iso): string {
  if (answer.answer === 'signal') return 'What the outside system sends when it answers';
  const then = answer.goesTo ? `on to “${answer.goesTo}”` : 'the wait ends';
  return `Nobody answers until ${when(answer.due)}: ${then}`;
}
