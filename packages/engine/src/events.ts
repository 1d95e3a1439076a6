import { z } from 'zod';
import { Id } from './definition.ts';
import type { MigratedEvent } from './migration/event.ts';

/**
 * What can happen to an instance. Every change to an instance is one of these, recorded in its
 * history with the time it happened; replay folds them from the start.
 */
const actorFields = {
  /** Who did it (a user id), when a person did. */
  actor: z.string().min(1).max(200).optional(),
};

export const StartEventSchema = z
  .object({
    type: z.literal('start'),
    data: z.record(z.string(), z.unknown()).optional(),
    /** Clinic calendar for business-day deadlines, recorded so that replay never depends on today's calendar. */
    calendar: z.unknown().optional(),
    ...actorFields,
    role: Id.optional(),
  })
  .strict();

export const CompleteEventSchema = z
  .object({
    type: z.literal('complete'),
    step: Id,
    outcome: Id,
    /** Needed only when the same step is open twice (in two parallel branches). */
    token: z.string().min(1).max(40).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    note: z.string().max(8000).optional(),
    ...actorFields,
    role: Id,
  })
  .strict();

export const SignalEventSchema = z
  .object({
    type: z.literal('signal'),
    name: Id,
    data: z.record(z.string(), z.unknown()).optional(),
    ...actorFields,
    role: Id.optional(),
  })
  .strict();

/** A person of the wait's `endEarlyBy` role ends it now, saying why; the instance goes on to its `next`. */
export const EndWaitEventSchema = z
  .object({
    type: z.literal('end-wait'),
    /** The waiting step's token (as in the instance's active steps). */
    token: z.string().min(1).max(40),
    reason: z.string().max(2000),
    ...actorFields,
    role: Id,
  })
  .strict();

export const TimerFiredEventSchema = z
  .object({
    type: z.literal('timer-fired'),
    timer: z.string().min(1).max(80),
    /**
     * Fired before its due time. Only a practice run's starter plays a wait this way (the host decides
     * who may); the run goes on from the moment it was played, so its clock never jumps ahead.
     */
    early: z.literal(true).optional(),
  })
  .strict();

export const ReassignEventSchema = z
  .object({
    type: z.literal('reassign'),
    step: Id.optional(),
    token: z.string().min(1).max(40).optional(),
    /** Move the task to another role's pool. */
    toRole: Id.optional(),
    /** Give the task to a person (`null` returns it to the pool). */
    assignee: z.string().min(1).max(200).nullable().optional(),
    due: z.iso.datetime({ offset: true }).nullable().optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    reason: z.string().max(2000).optional(),
    ...actorFields,
    role: Id.optional(),
  })
  .strict();

export const CancelEventSchema = z
  .object({
    type: z.literal('cancel'),
    reason: z.string().max(2000).optional(),
    ...actorFields,
    role: Id.optional(),
  })
  .strict();

/**
 * The clinic's hours changed (an admin saved new opening hours or closed days): the instance's later
 * steps count business time in this calendar, and its open business-hours deadlines move with it.
 */
export const CalendarChangedEventSchema = z
  .object({
    type: z.literal('calendar-changed'),
    calendar: z.unknown(),
    ...actorFields,
    role: Id.optional(),
  })
  .strict();

export const EngineEventSchema = z.discriminatedUnion('type', [
  StartEventSchema,
  CompleteEventSchema,
  SignalEventSchema,
  EndWaitEventSchema,
  TimerFiredEventSchema,
  ReassignEventSchema,
  CancelEventSchema,
  CalendarChangedEventSchema,
]);

export type StartEvent = z.infer<typeof StartEventSchema>;
export type CompleteEvent = z.infer<typeof CompleteEventSchema>;
export type SignalEvent = z.infer<typeof SignalEventSchema>;
export type EndWaitEvent = z.infer<typeof EndWaitEventSchema>;
export type TimerFiredEvent = z.infer<typeof TimerFiredEventSchema>;
export type ReassignEvent = z.infer<typeof ReassignEventSchema>;
export type CancelEvent = z.infer<typeof CancelEventSchema>;
export type CalendarChangedEvent = z.infer<typeof CalendarChangedEventSchema>;
export type EngineEvent = z.infer<typeof EngineEventSchema>;

/** An event as stored in a history: the event and the time it was applied. */
export interface RecordedEvent {
  at: string;
  event: EngineEvent;
}

/** A stored history entry: an engine event, or a move of the instance to another version. */
export interface HistoryEntry {
  at: string;
  event: EngineEvent | MigratedEvent;
}
