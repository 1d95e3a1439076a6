import { StepMappingSchema } from '@portalflow/engine';
import { z } from 'zod';

/** Request schemas of the migration routes (validated in handlers, written to /api/openapi.json). */
const version = z.number().int().min(1);

export const CreatePlanBody = z
  .object({
    definitionId: z.string().min(1).max(80),
    fromVersion: version,
    toVersion: version,
    /** Entries to use instead of the proposal (step of A → step of B, or null). */
    mapping: StepMappingSchema.optional(),
  })
  .strict();

export const EditPlanBody = z
  .object({ mapping: StepMappingSchema, revision: z.number().int().min(1) })
  .strict();

export const PlanListQuery = z.object({ definitionId: z.string().min(1).max(80) }).strict();

/**
 * Which instances a dry run or apply covers. Practice instances stay where they are unless asked for:
 * a lead moving real work must not drag staff's training runs along (or the other way round).
 */
export const RunScopeBody = z.object({ includePractice: z.boolean().optional() }).strict();
