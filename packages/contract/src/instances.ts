import { z } from 'zod';
import { Id, IdParams, InstanceData, Page, Priority, Timestamp } from './common.ts';
import { errors, json, jsonBody, optionalJsonBody, route } from './route.ts';

export const InstanceStatus = z.enum(['active', 'done', 'cancelled']);

/** One active step of an instance: who owns it, who holds it, when it is due. */
export const ActiveStepView = z.object({
  token: z.string(),
  taskId: z.string(),
  step: z.string(),
  title: z.string(),
  kind: z.enum(['task', 'wait']),
  role: z.string().nullable(),
  roleName: z.string().nullable(),
  assignee: z.string().nullable(),
  due: Timestamp.nullable(),
  priority: z.string().nullable(),
  escalated: z.boolean(),
  signal: z.string().nullable(),
  /** A wait only: the role that may end it early with a reason (null: it waits for its signal or time). */
  endEarlyBy: z.string().nullable().optional(),
  endEarlyByName: z.string().nullable().optional(),
});
export type ActiveStepView = z.infer<typeof ActiveStepView>;

/** An instance as `GET /api/instances/{id}` shows it: state, active steps, owning roles, assignees. */
export const InstanceView = z.object({
  id: Id,
  definitionId: Id,
  definitionTitle: z.string(),
  version: z.number().int(),
  status: InstanceStatus,
  revision: z.number().int(),
  startedAt: Timestamp,
  startedBy: z.string().nullable(),
  updatedAt: Timestamp,
  practice: z.boolean(),
  data: InstanceData,
  active: z.array(ActiveStepView),
  end: z.object({ step: z.string(), outcome: z.string().optional() }).nullable(),
});
export type InstanceView = z.infer<typeof InstanceView>;

/** An instance in a list: everything but its state and data. */
export const InstanceSummary = z.object({
  id: Id,
  definitionId: Id,
  version: z.number().int(),
  status: InstanceStatus,
  revision: z.number().int(),
  lastHash: z.string(),
  startedAt: Timestamp,
  updatedAt: Timestamp,
  startedBy: z.string().nullable(),
  practice: z.boolean(),
});
export type InstanceSummary = z.infer<typeof InstanceSummary>;

/** A row of `GET /api/instances`: the summary with the request's subject (null when its workflow has none). */
export const InstanceRow = InstanceSummary.extend({ subject: z.string().nullable() });
export type InstanceRow = z.infer<typeof InstanceRow>;

/** A task as the work queues keep it (one row per task a step opened). */
export const Task = z.object({
  id: z.string(),
  instanceId: Id,
  definitionId: Id,
  token: z.string(),
  step: z.string(),
  title: z.string(),
  role: z.string(),
  assignee: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  due: Timestamp.nullable(),
  priority: Priority,
  openedAt: Timestamp,
  closedAt: Timestamp.nullable(),
  outcome: z.string().nullable(),
  /** The engine's close reason: completed, deadline, cancelled, ended… */
  closeReason: z.string().nullable(),
  closedBy: z.string().nullable(),
  escalated: z.boolean(),
  practice: z.boolean(),
});
export type Task = z.infer<typeof Task>;

/** An answer about one instance: the instance as it now is. */
export const InstanceAnswer = z.object({ instance: InstanceView });
export type InstanceAnswer = z.infer<typeof InstanceAnswer>;

export const StartInstanceBody = z
  .object({
    definitionId: Id,
    version: z.number().int().min(1).optional(),
    data: InstanceData.default({}),
    practice: z.boolean().optional(),
  })
  .strict();

export const ListInstancesQuery = z
  .object({
    definitionId: Id.optional(),
    status: InstanceStatus.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    person: Id.optional(),
    practice: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

/**
 * A search by what people know. In a body, not the URL: a patient reference is patient data and URLs
 * end up in proxy logs and browser history.
 */
export const InstanceSearchBody = z
  .object({
    /** A patient reference (or any value of the request's data), matched whole and without case. */
    patient: z.string().trim().min(1).max(200).meta({ title: 'Patient reference' }).optional(),
    /** Part of a person's name or username: requests anyone matching started or worked on. */
    personName: z.string().trim().min(2).max(200).meta({ title: 'Person' }).optional(),
    definitionId: Id.meta({ title: 'Workflow' }).optional(),
    status: InstanceStatus.optional(),
    /** The period the request started in, as the unfiltered list takes it. */
    from: z.iso.datetime({ offset: true }).meta({ title: 'Started from' }).optional(),
    to: z.iso.datetime({ offset: true }).meta({ title: 'Started until' }).optional(),
    practice: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const SignalBody = z.object({ name: Id, data: InstanceData.optional() }).strict();
/** Ending a wait early: which wait (its token, as in the active steps) and why, in words. */
export const EndWaitBody = z
  .object({
    token: z.string().min(1).max(40),
    reason: z.string().trim().min(1, 'Say why the wait ends now').max(2000),
  })
  .strict();
export type EndWaitBody = z.infer<typeof EndWaitBody>;
export const CancelBody = z.object({ reason: z.string().max(2000).optional() }).strict();

export const startInstance = route({
  method: 'post',
  path: '/api/instances',
  summary: 'Start an instance of a published workflow',
  tags: ['instances'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { body: jsonBody(StartInstanceBody) },
  responses: {
    201: json(InstanceAnswer, 'Started'),
    ...errors({
      400: 'Start data with a field the start form does not declare (UNDECLARED_FIELD; a workflow without a start form takes none) or one a step owns (FIELD_OWNED), a start-form field of the wrong type or a required one missing, or a bad body (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Your roles cannot start this workflow (FORBIDDEN)',
      404: 'No published version (NOT_FOUND)',
      409: 'A racing start with the same key (CONFLICT)',
      422: 'Start data the engine refuses, or a reused Idempotency-Key (IDEMPOTENCY_KEY_REUSED)',
    }),
  },
});

export const listInstances = route({
  method: 'get',
  path: '/api/instances',
  summary: 'Find instances (leads and auditors: all; staff: ones they took part in)',
  tags: ['instances'],
  'x-instance-data': true,
  request: { query: ListInstancesQuery },
  responses: {
    200: json(Page(InstanceRow), 'A page of instances, each with its subject'),
    ...errors({
      400: 'A bad filter, or a period that ends before it starts (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
    }),
  },
});

export const searchInstances = route({
  method: 'post',
  path: '/api/instances/search',
  summary:
    'Find instances by patient reference or by the name of a person who worked on them (leads and auditors: all; staff: their own)',
  tags: ['instances'],
  'x-instance-data': true,
  request: { body: jsonBody(InstanceSearchBody) },
  responses: {
    200: json(Page(InstanceRow), 'A page of instances, each with its subject, as the unfiltered list'),
    ...errors({
      400: 'Nothing to search for, or a period that ends before it starts (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
    }),
  },
});

export const getInstance = route({
  method: 'get',
  path: '/api/instances/{id}',
  summary: 'State, active steps, owning roles, assignees and data',
  tags: ['instances'],
  'x-instance-data': true,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ instance: InstanceView, tasks: z.array(Task) }), 'The instance and its tasks'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not yours to read (FORBIDDEN)',
      404: 'No such instance (NOT_FOUND)',
    }),
  },
});

export const signalInstance = route({
  method: 'post',
  path: '/api/instances/{id}/signal',
  summary: 'Deliver an outside signal (e.g. patient-replied)',
  tags: ['instances'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(SignalBody) },
  responses: {
    200: json(InstanceAnswer, 'Delivered'),
    ...errors({
      400: 'Data the waiting step does not declare (UNDECLARED_FIELD; a wait declares none)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Your roles cannot signal this instance (FORBIDDEN)',
      404: 'No such instance (NOT_FOUND)',
      409: 'Nothing waits for it, or the instance ended (HISTORY_LIMIT, CONFLICT, …)',
      413: 'The event would be too large (PAYLOAD_TOO_LARGE)',
      422: 'The engine refuses the signal, or a reused Idempotency-Key',
    }),
  },
});

export const endWait = route({
  method: 'post',
  path: '/api/instances/{id}/end-wait',
  summary:
    'End a wait early with a reason (e.g. the provider has called the patient about a held result): only the role the wait names',
  tags: ['instances'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(EndWaitBody) },
  responses: {
    200: json(InstanceAnswer, 'Ended: the request as it now is'),
    ...errors({
      400: 'No reason given, or a bad body (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'The wait names another role, or none, to end it early (FORBIDDEN)',
      404: 'No such instance (NOT_FOUND)',
      409: 'The wait has already ended (STEP_NOT_ACTIVE), or the instance ended (INSTANCE_ENDED)',
      422: 'A reused Idempotency-Key (IDEMPOTENCY_KEY_REUSED)',
    }),
  },
});

export const cancelInstance = route({
  method: 'post',
  path: '/api/instances/{id}/cancel',
  summary: 'Cancel an instance (leads; whoever started it, until someone acts on it)',
  tags: ['instances'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: IdParams, body: optionalJsonBody(CancelBody) },
  responses: {
    200: json(InstanceAnswer, 'Cancelled'),
    ...errors({
      400: 'A bad body (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Neither a lead nor the person who started it (FORBIDDEN)',
      404: 'No such instance (NOT_FOUND)',
      409: 'Already ended (INSTANCE_ENDED), or its starter is too late: someone acted on it (REQUEST_UNDER_WAY)',
      422: 'A reused Idempotency-Key (IDEMPOTENCY_KEY_REUSED)',
    }),
  },
});
