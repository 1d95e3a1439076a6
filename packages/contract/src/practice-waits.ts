import { z } from 'zod';
import { Id, IdParams, Timestamp } from './common.ts';
import { InstanceAnswer } from './instances.ts';
import { errors, json, jsonBody, route } from './route.ts';

/**
 * One way to move a waiting step of a practice run on, as the outside world would: the answer the
 * outside system sends (`signal`), or the time passing (`time`: the wait's own timer falls due, which
 * ends the wait or takes it where its deadline says).
 */
export const PracticeWaitAnswer = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('signal'), signal: Id }),
  z.object({
    answer: z.literal('time'),
    /** When the time would be up: playing it moves the practice run's clock on to this moment. */
    due: Timestamp,
    /** The title of the step the time passing leads to, when it leads somewhere else than the answer. */
    goesTo: z.string().nullable(),
  }),
]);
export type PracticeWaitAnswer = z.infer<typeof PracticeWaitAnswer>;

/**
 * A waiting step of a practice run the reader started: nobody is sent its outside answer in a sandbox,
 * so the reader plays it (titles and ids only: no request data).
 */
export const PracticeWait = z.object({
  /** `${instanceId}:${token}`, like a task's id. */
  id: z.string(),
  instanceId: Id,
  token: z.string(),
  definitionId: Id,
  definitionTitle: z.string(),
  step: z.string(),
  title: z.string(),
  openedAt: Timestamp,
  answers: z.array(PracticeWaitAnswer),
});
export type PracticeWait = z.infer<typeof PracticeWait>;

export const PlayWaitBody = z
  .object({
    /** The waiting step (its token, as in the instance's active steps). */
    token: z.string().min(1).max(40),
    answer: z.enum(['signal', 'time']),
  })
  .strict();
export type PlayWaitBody = z.infer<typeof PlayWaitBody>;

export const listPracticeWaits = route({
  method: 'get',
  path: '/api/practice/waits',
  summary: 'The waiting steps of your own practice runs, each with the answers that play it',
  tags: ['practice'],
  'x-instance-data': false,
  responses: {
    200: json(z.object({ items: z.array(PracticeWait) }), 'Waiting steps, oldest first'),
    ...errors({ 401: 'Not signed in (UNAUTHENTICATED)' }),
  },
});

export const playPracticeWait = route({
  method: 'post',
  path: '/api/instances/{id}/practice-play',
  summary:
    'Play a waiting step of your own practice run: send the outside answer, or let its time pass (never a real request)',
  tags: ['practice'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(PlayWaitBody) },
  responses: {
    200: json(InstanceAnswer, 'Played: the run as it now is'),
    ...errors({
      400: 'A bad body, or an answer this waiting step does not take (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not a practice run you started; a real request waits for the outside world (FORBIDDEN)',
      404: 'No such instance (NOT_FOUND)',
      409: 'The step is no longer waiting: played already, or the run moved on (TASK_CLOSED, CONFLICT)',
      422: 'A reused Idempotency-Key (IDEMPOTENCY_KEY_REUSED)',
    }),
  },
});
