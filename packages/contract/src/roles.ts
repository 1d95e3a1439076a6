import type { JobDescription, JobText, RoleChange, RoleDuties } from '@portalflow/engine';
import { z } from 'zod';
import { engineShape, Id, IdParams, Person } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

export const ApprovalState = z.enum(['approved', 'needs-reapproval', 'not-approved']);
export type ApprovalState = z.infer<typeof ApprovalState>;
export type Holder = z.infer<typeof Person>;

/** A catalog entry: the role, its holders, sign-off state and how much it does. */
export const RoleSummary = z.object({
  id: Id,
  name: z.string(),
  department: z.string(),
  description: z.string(),
  holders: z.array(Person),
  state: ApprovalState,
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  counts: z.object({
    workflows: z.number().int(),
    steps: z.number().int(),
    escalations: z.number().int(),
    changes: z.number().int(),
  }),
});
export type RoleSummary = z.infer<typeof RoleSummary>;

const jobText = engineShape<JobText>('The hand-written part of a job description');
const roleChange = engineShape<RoleChange>('What changed in the role since its sign-off');

/** One role: derived duties, job description, editable text and what changed since sign-off. */
export const RoleDetail = z.object({
  role: RoleSummary,
  duties: engineShape<RoleDuties>('The duties derived from the published workflows'),
  text: jobText,
  textRevision: z.number().int(),
  fingerprint: z.string(),
  changes: roleChange.nullable(),
  textChanged: z.boolean(),
  approvedText: jobText.nullable(),
  jobDescription: engineShape<JobDescription>('The job description as the handbook prints it'),
});
export type RoleDetail = z.infer<typeof RoleDetail>;

const field = z.string().max(2000);
export const JobTextBody = z
  .object({
    reportsTo: field,
    skills: field,
    languages: field,
    hours: field,
    revision: z.number().int().min(0),
  })
  .strict();
export const ApproveBody = z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

const noRole = {
  401: 'Not signed in (UNAUTHENTICATED)',
  404: 'No such role in the published workflows (NOT_FOUND)',
};

export const listRoles = route({
  method: 'get',
  path: '/api/roles',
  summary: 'Role catalog: every role of the published workflows, its holders and sign-off state',
  tags: ['roles'],
  'x-instance-data': false,
  responses: {
    200: json(z.object({ roles: z.array(RoleSummary) }), 'The catalog'),
    ...errors({ 401: noRole[401] }),
  },
});

export const getRole = route({
  method: 'get',
  path: '/api/roles/{id}',
  summary: 'One role: derived duties, job description, editable text and what changed since sign-off',
  tags: ['roles'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: { 200: json(RoleDetail, 'The role'), ...errors(noRole) },
});

export const roleJobDescription = route({
  method: 'get',
  path: '/api/roles/{id}/job-description',
  summary: 'The job description as a Markdown or HTML download',
  tags: ['roles'],
  'x-instance-data': false,
  request: { params: IdParams, query: z.object({ format: z.enum(['md', 'html']) }).strict() },
  responses: {
    200: {
      description: 'The document',
      content: { 'text/markdown': { schema: z.string() }, 'text/html': { schema: z.string() } },
    },
    ...errors(noRole),
  },
});

export const saveJobText = route({
  method: 'put',
  path: '/api/roles/{id}/job-text',
  summary:
    'Save the hand-written part of the job description (lead); 409 when someone saved since `revision`',
  tags: ['roles'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(JobTextBody) },
  responses: {
    200: json(RoleDetail, 'Saved'),
    ...errors({
      ...noRole,
      403: 'Not a lead (FORBIDDEN)',
      409: 'Someone saved since your revision (STALE_REVISION)',
    }),
  },
});

export const approveRole = route({
  method: 'post',
  path: '/api/roles/{id}/approve',
  summary: 'Sign off the current job description (lead); `fingerprint` is the version you reviewed',
  tags: ['roles'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(ApproveBody) },
  responses: {
    200: json(RoleDetail, 'Approved'),
    ...errors({
      ...noRole,
      403: 'Not a lead (FORBIDDEN)',
      409: 'It changed since you reviewed it (CHANGED_SINCE_REVIEW)',
    }),
  },
});
