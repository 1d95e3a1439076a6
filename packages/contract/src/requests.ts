import { FormFieldSchema } from '@portalflow/engine';
import { z } from 'zod';
import { Id, InstanceData } from './common.ts';
import { InstanceStatus, InstanceView } from './instances.ts';
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
  /**
   * The fields that name the patient: their answer is kept as its chart number ("Patient/DEMO-5001",
   * the EHR's full address or "demo-5001" → DEMO-5001), so the form shows that before it is sent.
   */
  patientFields: z.array(Id),
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

/**
 * An open request that a new one would repeat: same workflow, same subject. Who started it, its steps'
 * titles and who holds them are given only where the caller may read the request (`readable`: they
 * started it, or hold a role with a task in it); otherwise its id, when it started and the roles it
 * waits on, as a status lookup says (`POST /api/requests/status` with its `instanceId`).
 */
export const OpenMatch = z.object({
  instanceId: Id,
  /** As stored where `readable`; else as the caller's own start form gives it (what they typed). */
  subject: z.string(),
  startedAt: z.string(),
  /** Who started it (display name); null for a system start, or when not `readable`. */
  startedBy: z.string().nullable(),
  readable: z.boolean(),
  /** Its open steps: what the request is waiting on, and which role has it. */
  waitingOn: z.array(
    z.object({
      /** The step's title; null when not `readable`. */
      title: z.string().nullable(),
      role: z.string().nullable(),
      roleName: z.string().nullable(),
      /** Who has taken it (display name); null while it waits in the pool, or when not `readable`. */
      heldBy: z.string().nullable(),
    }),
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

export const RequestStatusBody = z
  .object({
    /** The patient reference the caller gave, compared without case against each request's data. */
    patient: z.string().trim().min(1).max(200).meta({ title: 'Patient reference' }).optional(),
    /** Or one request by its id, as the warning about an already open one names it. */
    instanceId: Id.optional(),
    practice: z.boolean().optional(),
  })
  .strict()
  .refine((b) => (b.patient === undefined) !== (b.instanceId === undefined), {
    message: 'Give a patient reference or a request id, one of the two',
  });
export type RequestStatusBody = z.input<typeof RequestStatusBody>;

/**
 * One request of the patient, as much as a status call needs. The subject and the steps' titles are
 * given only where the caller may read the request (`readable`); otherwise only the workflow, the
 * roles it waits on and their due times, e.g. "Lab result release — with the provider, due Monday".
 */
export const RequestStatus = z.object({
  instanceId: Id,
  workflow: z.string(),
  status: InstanceStatus,
  startedAt: z.string(),
  /** When it finished or was cancelled; null while open. */
  endedAt: z.string().nullable(),
  readable: z.boolean(),
  subject: z.string().nullable(),
  /** Why a cancelled request was cancelled, as the lead or its starter wrote it; null when not `readable`. */
  cancelReason: z.string().nullable(),
  /**
   * The caller started it and nobody has acted on it yet, so they may withdraw it
   * (`POST /api/instances/{id}/cancel`, refused with 409 REQUEST_UNDER_WAY if someone acts first).
   */
  withdrawable: z.boolean(),
  /**
   * The caller may add a note to it now (`POST /api/instances/{id}/notes`, the same rule): it is open,
   * they act on requests (not an auditor), and they read it by their own roles, not by emergency access.
   */
  notable: z.boolean(),
  waitingOn: z.array(
    z.object({
      roleName: z.string().nullable(),
      /** The step's title; null when the request is not `readable`. */
      step: z.string().nullable(),
      due: z.string().nullable(),
      /** Whether someone has taken it (else it waits in the role's pool). */
      taken: z.boolean(),
      /** Who has taken it (display name); null while it waits in the pool, or when not `readable`. */
      heldBy: z.string().nullable(),
    }),
  ),
  /**
   * What it waits for outside every pool (the payer's answer, the patient's reply, a result held until
   * the provider has talked with the patient): nobody's task, yet a caller asks about it.
   */
  waits: z.array(
    z.object({
      /** The waiting step's title; null when the request is not `readable`. */
      step: z.string().nullable(),
      /** When its timer ends the wait at the latest (it may end sooner); null when only an answer ends it. */
      until: z.string().nullable(),
      /** The waiting step's token, to end it early (`POST /api/instances/{id}/end-wait`); null when not `readable`. */
      token: z.string().nullable(),
      /** The role that may end it before its time (the workflow's `endEarlyBy`); null for none or when not `readable`. */
      endEarlyBy: z.string().nullable(),
    }),
  ),
});
export type RequestStatus = z.infer<typeof RequestStatus>;

export const findRequestStatus = route({
  method: 'post',
  path: '/api/requests/status',
  summary:
    "A patient's requests, open or finished in the last 30 days, for a status call: what each waits on and until when (or one request, by its id)",
  tags: ['requests'],
  'x-instance-data': true,
  request: { body: jsonBody(RequestStatusBody) },
  responses: {
    200: json(
      z.object({ requests: z.array(RequestStatus), days: z.number().int() }),
      'Open requests first, then finished ones, newest first',
    ),
    ...errors({
      400: 'No patient reference and no request id, or both (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'No clinic role, and not a lead or auditor (FORBIDDEN)',
    }),
  },
});
