import { type Blocker, StepMappingSchema } from '@portalflow/engine';
import { z } from 'zod';
import { engineShape, IdParams } from './common.ts';
import { errors, json, jsonBody, optionalJsonBody, route } from './route.ts';

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

/**
 * Which instances a dry run or apply covers. Practice instances stay where they are unless asked for:
 * a lead moving real work must not drag staff's training runs along (or the other way round).
 */
export const RunScopeBody = z.object({ includePractice: z.boolean().optional() }).strict();

export type StepMapping = z.infer<typeof StepMappingSchema>;

export const MigrationPlan = z.object({
  id: z.string(),
  definitionId: z.string(),
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  mapping: StepMappingSchema,
  revision: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MigrationPlan = z.infer<typeof MigrationPlan>;

/** A step of a version that can hold an instance. */
export const PlanStep = z.object({
  id: z.string(),
  kind: z.enum(['task', 'decision', 'parallel', 'wait', 'end']),
  title: z.string(),
  role: z.string().nullable(),
  roleName: z.string().nullable(),
});
export type PlanStep = z.infer<typeof PlanStep>;

export const MigrationRun = z.object({
  id: z.string(),
  planId: z.string(),
  status: z.enum(['running', 'stopping', 'stopped', 'done', 'failed']),
  total: z.number().int(),
  counts: z.object({
    migrated: z.number().int(),
    skipped: z.number().int(),
    conflict: z.number().int(),
    failed: z.number().int(),
  }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type MigrationRun = z.infer<typeof MigrationRun>;

export const PlanView = z.object({
  plan: MigrationPlan,
  workflow: z.string(),
  from: z.array(PlanStep),
  to: z.array(PlanStep),
  runs: z.array(MigrationRun).optional(),
});
export type PlanView = z.infer<typeof PlanView>;

/** One open step, as a lead sees it in the queues: no instance data. */
export const StepView = z.object({
  step: z.string(),
  title: z.string(),
  kind: z.enum(['task', 'wait']),
  role: z.string().nullable(),
  roleName: z.string().nullable(),
  /** When the open step is due (its deadline, or a wait's end), if it has one. */
  due: z.string().nullable(),
});
export type StepView = z.infer<typeof StepView>;

/** One row of a dry run: where an instance is, where it would land, or why it cannot move. */
export const DryRunRow = z.object({
  instanceId: z.string(),
  /** The request's subject line ("DEMO-4003 · Result: Hemoglobin A1c"), as the Team page names it. */
  subject: z.string().nullable(),
  practice: z.boolean(),
  startedAt: z.string(),
  updatedAt: z.string(),
  workflow: z.string(),
  now: z.array(StepView),
  ok: z.boolean(),
  after: z.array(StepView.extend({ fromStep: z.string(), assigneeKept: z.boolean() })),
  blockers: z.array(engineShape<Blocker>('Why the instance cannot move')),
});
export type DryRunRow = z.infer<typeof DryRunRow>;

export const DryRun = z.object({
  plan: MigrationPlan,
  summary: z.object({
    total: z.number().int(),
    movable: z.number().int(),
    blocked: z.number().int(),
    practice: z.number().int(),
  }),
  rows: z.array(DryRunRow),
});
export type DryRun = z.infer<typeof DryRun>;

export const MigrationResult = z.object({
  instanceId: z.string(),
  status: z.enum(['migrated', 'skipped', 'conflict', 'failed']),
  reason: z.string().nullable(),
});
export type MigrationResult = z.infer<typeof MigrationResult>;

const signedIn = { 401: 'Not signed in (UNAUTHENTICATED)' } as const;
const lead = { ...signedIn, 403: 'Not a lead (FORBIDDEN)', 404: 'No such plan (NOT_FOUND)' } as const;
const reader = {
  ...signedIn,
  403: 'Not a lead or auditor (FORBIDDEN)',
  404: 'No such plan (NOT_FOUND)',
} as const;
const runParams = z.object({ id: z.string(), runId: z.string() });

export const createMigrationPlan = route({
  method: 'post',
  path: '/api/migrations',
  summary:
    'Plan a migration of running instances from one version to another (lead); mapping proposed by step id',
  tags: ['migrations'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { body: jsonBody(CreatePlanBody) },
  responses: {
    201: json(PlanView, 'Plan created'),
    ...errors({
      ...lead,
      404: 'No such version (NOT_FOUND)',
      422: 'Impossible mapping or same version (MAPPING_INVALID, SAME_VERSION)',
    }),
  },
});

export const listMigrationPlans = route({
  method: 'get',
  path: '/api/migrations',
  summary: "A workflow's migration plans (leads, auditors)",
  tags: ['migrations'],
  'x-instance-data': false,
  request: { query: z.object({ definitionId: z.string().min(1).max(80) }).strict() },
  responses: {
    200: json(z.object({ plans: z.array(MigrationPlan) }), 'The plans'),
    ...errors({ ...signedIn, 403: reader[403] }),
  },
});

export const getMigrationPlan = route({
  method: 'get',
  path: '/api/migrations/{id}',
  summary: 'A plan with both versions’ steps and its runs (leads, auditors)',
  tags: ['migrations'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: { 200: json(PlanView, 'The plan'), ...errors(reader) },
});

export const editMigrationPlan = route({
  method: 'put',
  path: '/api/migrations/{id}',
  summary: 'Edit the step mapping; refused (409) when someone edited since `revision`, (422) when impossible',
  tags: ['migrations'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(EditPlanBody) },
  responses: {
    200: json(PlanView, 'Saved'),
    ...errors({ ...lead, 409: 'Edited since (STALE_REVISION)', 422: 'Impossible mapping (MAPPING_INVALID)' }),
  },
});

export const dryRunMigration = route({
  method: 'post',
  path: '/api/migrations/{id}/dry-run',
  summary:
    'Where every running instance would land, with its new owner role, or why it cannot move (lead); practice instances only with includePractice',
  tags: ['migrations'],
  'x-instance-data': false,
  request: { params: IdParams, body: optionalJsonBody(RunScopeBody) },
  responses: { 200: json(DryRun, 'The dry run'), ...errors(lead) },
});

export const applyMigration = route({
  method: 'post',
  path: '/api/migrations/{id}/apply',
  summary:
    'Start moving the instances, one at a time, each atomically (lead); practice instances only with includePractice',
  tags: ['migrations'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: optionalJsonBody(RunScopeBody) },
  responses: {
    202: json(z.object({ run: MigrationRun }), 'Started'),
    ...errors({ ...lead, 409: 'A run is in progress (RUN_IN_PROGRESS)' }),
  },
});

export const getMigrationRun = route({
  method: 'get',
  path: '/api/migrations/{id}/runs/{runId}',
  summary: 'A run’s progress and per-instance results (leads, auditors)',
  tags: ['migrations'],
  'x-instance-data': false,
  request: { params: runParams },
  responses: {
    200: json(z.object({ run: MigrationRun, results: z.array(MigrationResult) }), 'The run'),
    ...errors(reader),
  },
});

export const stopMigrationRun = route({
  method: 'post',
  path: '/api/migrations/{id}/runs/{runId}/stop',
  summary: 'Stop a run after the instance it is moving (lead)',
  tags: ['migrations'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: runParams },
  responses: { 200: json(z.object({ run: MigrationRun }), 'Stopping'), ...errors(lead) },
});
