import { ID_MAX_LENGTH, ID_PATTERN, ID_RULE } from '@portalflow/engine';
import { z } from 'zod';

/** Request and response shapes of the intake routes, in one place. */

export const CreateIntakeKeyBody = z
  .object({
    workflowId: z.string().min(1).max(ID_MAX_LENGTH).regex(ID_PATTERN, ID_RULE),
  })
  .strict();

export const IntakeKeysQuery = z
  .object({
    workflowId: z.string().min(1).max(ID_MAX_LENGTH).regex(ID_PATTERN, ID_RULE).optional(),
  })
  .strict();

export const IntakeKeyView = z.object({
  id: z.string(),
  workflowId: z.string(),
  status: z.enum(['active', 'revoked']),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});

/** What a created key answers: the secret, once. */
export const CreatedIntakeKey = z.object({
  id: z.string(),
  secret: z.string().describe('`whsec_` + base64; shown only in this answer'),
  key: IntakeKeyView,
});

/** What an accepted webhook answers: ids and status only, never the data it carried. */
export const IntakeAccepted = z.object({
  instance: z.object({
    id: z.string(),
    definitionId: z.string(),
    version: z.number(),
    status: z.string(),
  }),
  /** True when this webhook-id had already started the instance. */
  duplicate: z.boolean(),
});
