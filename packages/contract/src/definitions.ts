import type { Definition, Finding } from '@portalflow/engine';
import { z } from 'zod';
import { engineShape, Id, IdParams } from './common.ts';
import { errors, json, jsonBody, optionalJsonBody, route } from './route.ts';

export const CreateDefinitionBody = z
  .object({ definition: z.unknown(), layout: z.unknown().optional() })
  .strict();
export const SaveDefinitionBody = z
  .object({ definition: z.unknown(), layout: z.unknown().optional(), revision: z.number().int().min(0) })
  .strict();
export const PublishBody = z.object({ revision: z.number().int().min(1).optional() }).strict();

/** A workflow being edited. The definition may be invalid: the editor saves work in progress. */
export const Draft = z.object({
  id: z.string(),
  title: z.string(),
  definition: z.unknown(),
  /** Node positions and lane order, kept apart so moving a box never changes the version hash. */
  layout: z.unknown(),
  revision: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Draft = z.infer<typeof Draft>;

/** A workflow as people who only use it see it: its latest published version, no draft details. */
export const WorkflowSummary = z.object({
  id: z.string(),
  title: z.string(),
  latestVersion: z.number().int().nullable(),
  latestPublishedAt: z.string().nullable(),
});
export type WorkflowSummary = z.infer<typeof WorkflowSummary>;

/** Designers, admins and auditors also get drafts and the draft's details. */
export const DefinitionSummary = WorkflowSummary.extend({
  revision: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  /** When a lead retired it: no new requests start it. Null while in use. */
  retiredAt: z.string().nullable(),
});
export type DefinitionSummary = z.infer<typeof DefinitionSummary>;

/** Whether a listed workflow carries its draft's details (the caller may read drafts). */
export const hasDraftDetails = (w: WorkflowSummary | DefinitionSummary): w is DefinitionSummary =>
  'revision' in w;

export const VersionSummary = z.object({
  definitionId: z.string(),
  version: z.number().int(),
  /** SHA-256 hex of the canonical definition; layout excluded. */
  contentHash: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

/** A published, immutable version; instances are pinned to one. */
export const DefinitionVersion = VersionSummary.extend({
  definition: engineShape<Definition>('The published definition'),
  layout: z.unknown(),
});
export type DefinitionVersion = z.infer<typeof DefinitionVersion>;

const finding = engineShape<Finding>('A lint finding: rule, severity, message, where');
const findings = z.array(finding);
/** A definition that does not parse: the engine's error as data. */
const definitionError = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

const signedIn = { 401: 'Not signed in (UNAUTHENTICATED)' } as const;
const designer = { ...signedIn, 403: 'Not a designer or admin (FORBIDDEN)' } as const;

export const listDefinitions = route({
  method: 'get',
  path: '/api/definitions',
  summary:
    'Workflows with their latest published version; drafts and their details only for designers, admins and auditors; retired ones only with `retired=show`',
  tags: ['definitions'],
  'x-instance-data': false,
  request: { query: z.object({ retired: z.enum(['hide', 'show']).optional() }).strict() },
  responses: {
    200: json(
      z.object({ definitions: z.array(z.union([DefinitionSummary, WorkflowSummary])) }),
      'The workflows',
    ),
    ...errors(signedIn),
  },
});

export const createDefinition = route({
  method: 'post',
  path: '/api/definitions',
  summary: 'Create a draft workflow (designer)',
  tags: ['definitions'],
  'x-instance-data': false,
  request: { body: jsonBody(CreateDefinitionBody) },
  responses: {
    201: json(z.object({ draft: Draft, findings }), 'Draft created'),
    ...errors({
      ...designer,
      400: 'The id is not a valid workflow id (DEFINITION_ID_INVALID)',
      409: 'A workflow with this id exists (DEFINITION_EXISTS)',
      422: 'Not a valid definition (DEFINITION_INVALID)',
    }),
  },
});

export const getDefinition = route({
  method: 'get',
  path: '/api/definitions/{id}',
  summary: 'The draft (designers, auditors) or latest published version',
  tags: ['definitions'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(
      z.object({ draft: Draft.nullable(), latest: DefinitionVersion.nullable() }),
      'Draft and latest version',
    ),
    ...errors({ ...signedIn, 404: 'No such workflow (NOT_FOUND)' }),
  },
});

export const saveDefinition = route({
  method: 'put',
  path: '/api/definitions/{id}',
  summary: 'Save the draft; refused (409) when someone saved since `revision`',
  tags: ['definitions'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(SaveDefinitionBody) },
  responses: {
    200: json(
      z.object({
        draft: Draft,
        definition: engineShape<Definition>('The draft, parsed').optional(),
        findings,
        error: definitionError.optional(),
      }),
      'Saved, with what lint says of it',
    ),
    ...errors({
      ...designer,
      400: 'The id is not a valid workflow id (DEFINITION_ID_INVALID)',
      404: 'No such workflow (NOT_FOUND)',
      409: 'Stale revision: someone else saved; their version is in details (STALE_REVISION)',
      422: 'Id in body differs (ID_MISMATCH)',
    }),
  },
});

export const validateDefinition = route({
  method: 'post',
  path: '/api/definitions/{id}/validate',
  summary: 'Parse and lint the draft',
  tags: ['definitions'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(
      z.object({
        revision: z.number().int(),
        valid: z.boolean(),
        findings,
        error: definitionError.nullable(),
      }),
      'Findings',
    ),
    ...errors({ ...signedIn, 403: 'Not a lead or auditor (FORBIDDEN)', 404: 'No such workflow (NOT_FOUND)' }),
  },
});

export const publishDefinition = route({
  method: 'post',
  path: '/api/definitions/{id}/publish',
  summary: 'Publish the draft as a new immutable version (refused while lint has errors)',
  tags: ['definitions'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: optionalJsonBody(PublishBody) },
  responses: {
    200: json(
      z.object({ version: DefinitionVersion, created: z.boolean() }),
      'Published (created: false when the draft equals the latest version)',
    ),
    ...errors({
      ...designer,
      404: 'No such workflow (NOT_FOUND)',
      409: 'Draft changed since `revision` (STALE_REVISION)',
      422: 'Lint errors (LINT_ERRORS) or not a definition (DEFINITION_INVALID)',
    }),
  },
});

export const listVersions = route({
  method: 'get',
  path: '/api/definitions/{id}/versions',
  summary: 'Published versions',
  tags: ['definitions'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ versions: z.array(VersionSummary) }), 'The versions'),
    ...errors(signedIn),
  },
});

export const getVersion = route({
  method: 'get',
  path: '/api/definitions/{id}/versions/{v}',
  summary: 'One published version',
  tags: ['definitions'],
  'x-instance-data': false,
  request: { params: z.object({ id: Id, v: z.coerce.number().int().min(1) }) },
  responses: {
    200: json(z.object({ version: DefinitionVersion }), 'The version'),
    ...errors({
      ...signedIn,
      400: 'The version is not a whole number from 1 (VALIDATION_FAILED)',
      404: 'No such version (NOT_FOUND)',
    }),
  },
});
