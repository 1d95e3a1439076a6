import { FormFieldSchema } from '@portalflow/engine';
import { z } from 'zod';
import { Id, InstanceData } from './common.ts';
import { InstanceView } from './instances.ts';
import { errors, json, jsonBody, route } from './route.ts';

/** A workflow the caller may start from My work, with its start form. */
export const Startable = z.object({
  definitionId: Id,
  version: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  form: z.array(FormFieldSchema),
  /** Whether its requests have a subject (the template itself is not needed by the picker). */
  hasSubject: z.boolean(),
});
export type Startable = z.infer<typeof Startable>;

export const StartRequestBody = z.object({ definitionId: Id, data: InstanceData.default({}) }).strict();
export type StartRequestBody = z.input<typeof StartRequestBody>;

export const StartedRequest = z.object({ instance: InstanceView, subject: z.string().nullable() });
export type StartedRequest = z.infer<typeof StartedRequest>;

export const startableRequests = route({
  method: 'get',
  path: '/api/requests/startable',
  summary: 'Workflows I may start from My work, each with its start form',
  tags: ['requests'],
  'x-instance-data': false,
  responses: {
    200: json(z.object({ workflows: z.array(Startable) }), 'The workflows, by title'),
    ...errors({ 401: 'Not signed in (UNAUTHENTICATED)' }),
  },
});

export const startRequest = route({
  method: 'post',
  path: '/api/requests',
  summary: "Start a request with its start form; its first task lands in its role's pool",
  tags: ['requests'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { body: jsonBody(StartRequestBody) },
  responses: {
    201: json(StartedRequest, 'Started'),
    ...errors({
      400: 'A field is missing, of the wrong kind, or not on the start form (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Your roles may not start this workflow (REQUEST_START_FORBIDDEN)',
      404: 'No published version, or it has no start form (NOT_FOUND)',
    }),
  },
});

/** An open request that a new one would repeat: same workflow, same subject. */
export const OpenMatch = z.object({
  instanceId: Id,
  subject: z.string(),
  startedAt: z.string(),
  /** Who started it (display name); null for a system start. */
  startedBy: z.string().nullable(),
  /** Its open steps: what the request is waiting on, and which role has it. */
  waitingOn: z.array(
    z.object({ title: z.string(), role: z.string().nullable(), roleName: z.string().nullable() }),
  ),
});
export type OpenMatch = z.infer<typeof OpenMatch>;

export const findOpenMatches = route({
  method: 'post',
  path: '/api/requests/open-matches',
  summary:
    'Before starting a request: open requests of the same workflow with the subject this start form would give (a likely duplicate)',
  tags: ['requests'],
  'x-instance-data': true,
  request: { body: jsonBody(StartRequestBody) },
  responses: {
    200: json(
      z.object({ matches: z.array(OpenMatch) }),
      'The matching open requests, newest first (often none)',
    ),
    ...errors({
      400: 'A bad body (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Your roles may not start this workflow (REQUEST_START_FORBIDDEN)',
      404: 'No published version, or it has no start form (NOT_FOUND)',
    }),
  },
});
