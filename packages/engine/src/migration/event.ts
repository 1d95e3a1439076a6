import { z } from 'zod';
import { Id } from '../definition.ts';

/** Step of version A → step of version B (`null`: not mapped; instances parked there cannot move). */
export const StepMappingSchema = z.record(Id, Id.nullable());
export type StepMapping = z.infer<typeof StepMappingSchema>;

/**
 * Recorded when an instance moves from one published version of its workflow to another. Replay
 * switches to version `to` at this event and re-applies the mapping, so the rewritten snapshot is
 * derived, never stored blindly.
 */
export const MigratedEventSchema = z
  .object({
    type: z.literal('migrated'),
    from: z.number().int().min(1),
    to: z.number().int().min(1),
    mapping: StepMappingSchema,
    /** The migration run that moved the instance, for the audit trail. */
    run: z.string().min(1).max(80).optional(),
    actor: z.string().min(1).max(200).optional(),
    role: Id.optional(),
  })
  .strict();

export type MigratedEvent = z.infer<typeof MigratedEventSchema>;
