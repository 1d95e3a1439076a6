import { ID_MAX_LENGTH, ID_PATTERN, ID_RULE } from '@portalflow/engine';
import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/** Intake from other systems: the keys they sign webhooks with, and the signed webhook itself. */

const WorkflowId = z.string().min(1).max(ID_MAX_LENGTH).regex(ID_PATTERN, ID_RULE);

export const CreateIntakeKeyBody = z.object({ workflowId: WorkflowId }).strict();
export type CreateIntakeKeyBody = z.input<typeof CreateIntakeKeyBody>;

/** A key as listed: never its secret. */
export const IntakeKeyView = z.object({
  id: Id,
  workflowId: Id,
  status: z.enum(['active', 'revoked']),
  createdBy: Id.nullable(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  revokedBy: Id.nullable(),
});
export type IntakeKeyView = z.infer<typeof IntakeKeyView>;

/** What a created key answers: the secret, this once. */
export const CreatedIntakeKey = z.object({
  id: Id,
  secret: z.string().describe('`whsec_` + base64 of 32 random bytes; shown only in this answer'),
  key: IntakeKeyView,
});
export type CreatedIntakeKey = z.infer<typeof CreatedIntakeKey>;

/** What an accepted webhook answers: ids and status only, never the data it carried. */
export const IntakeAccepted = z.object({
  instance: z.object({ id: Id, definitionId: Id, version: z.number().int(), status: z.string() }),
  /** True when this webhook-id had already started the instance (nothing changed now). */
  duplicate: z.boolean(),
});
export type IntakeAccepted = z.infer<typeof IntakeAccepted>;

export const createIntakeKey = route({
  method: 'post',
  path: '/api/intake/keys',
  summary:
    'Create an intake key for a workflow (admin or lead); the secret (`whsec_` + base64) is shown only in this answer',
  tags: ['intake'],
  'x-instance-data': false,
  request: { body: jsonBody(CreateIntakeKeyBody) },
  responses: {
    201: json(CreatedIntakeKey, 'The key and its secret'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not an admin or lead (FORBIDDEN)',
      400: 'Not a workflow id (VALIDATION_FAILED)',
      404: 'No published version of the workflow (NOT_FOUND)',
      422: 'The workflow maps no webhook or FHIR message onto its start form (INTAKE_NOT_DECLARED)',
      503: 'No key file to seal secrets with (INTAKE_NOT_CONFIGURED)',
    }),
  },
});

export const listIntakeKeys = route({
  method: 'get',
  path: '/api/intake/keys',
  summary: 'Intake keys, newest first, of one workflow or all (admin or lead); never their secrets',
  tags: ['intake'],
  'x-instance-data': false,
  request: { query: z.object({ workflowId: WorkflowId.optional() }).strict() },
  responses: {
    200: json(z.object({ keys: z.array(IntakeKeyView) }), 'The keys'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not an admin or lead (FORBIDDEN)',
      400: 'Not a workflow id (VALIDATION_FAILED)',
    }),
  },
});

export const revokeIntakeKey = route({
  method: 'delete',
  path: '/api/intake/keys/{id}',
  summary: 'Revoke an intake key (admin or lead): webhooks signed with it are refused from now on',
  tags: ['intake'],
  'x-instance-data': false,
  request: { params: z.object({ id: Id }) },
  responses: {
    200: json(z.object({ key: IntakeKeyView }), 'Revoked (or had already been)'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not an admin or lead (FORBIDDEN)',
      404: 'No such key (NOT_FOUND)',
    }),
  },
});

/**
 * The signed webhook. Its body is read raw (the signature covers its exact bytes), so it is not declared
 * as a parsed body here: JSON, mapped onto the workflow's start form by `intake.webhook.fields`.
 */
export const intakeWebhook = route({
  method: 'post',
  path: '/api/intake/{workflowId}',
  summary:
    'Start a workflow from a signed webhook (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature); the JSON body is mapped onto its start form',
  tags: ['intake'],
  'x-instance-data': true,
  'x-public': true,
  request: { params: z.object({ workflowId: z.string().min(1).max(200) }) },
  responses: {
    201: json(IntakeAccepted, 'Started'),
    200: json(IntakeAccepted, 'This webhook-id had already started an instance (duplicate: true)'),
    ...errors({
      400: 'Malformed JSON, or a webhook-id longer than 200 characters (MALFORMED_JSON, VALIDATION_FAILED)',
      401: 'No valid signature, or a timestamp more than 5 minutes off (WEBHOOK_SIGNATURE_INVALID, WEBHOOK_TIMESTAMP_OUT_OF_RANGE)',
      404: 'No published version of the workflow (NOT_FOUND)',
      413: 'Body too large (BODY_TOO_LARGE)',
      415: 'The body is not JSON (UNSUPPORTED_MEDIA_TYPE)',
      422: 'The payload does not fit the start form (INTAKE_INVALID, naming the field and its pointer)',
    }),
  },
});
