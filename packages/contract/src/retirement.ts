import { z } from 'zod';
import { IdParams, Timestamp } from './common.ts';
import { errors, json, route } from './route.ts';

/**
 * Taking a workflow out of use. A draft never published is deleted outright (nothing ever ran on it); a
 * published one is retired: no new request starts it, running ones finish, its versions stay for audit
 * and replay, and it can be brought back.
 */
const tags = ['definitions'];
const lead = { 401: 'Not signed in (UNAUTHENTICATED)', 403: 'Not a lead or admin (FORBIDDEN)' } as const;

/** Requests still running, per version: the publish and retire dialogs say how many stay where. */
export const RunningByVersion = z.object({ version: z.number().int(), running: z.number().int() });
export type RunningByVersion = z.infer<typeof RunningByVersion>;

export const Retirement = z.object({
  definitionId: z.string(),
  retiredAt: Timestamp,
  retiredBy: z.string().nullable(),
  /** Requests still running on it: they finish on their versions. */
  running: z.number().int(),
});
export type Retirement = z.infer<typeof Retirement>;

export const deleteDefinition = route({
  method: 'delete',
  path: '/api/definitions/{id}',
  summary: 'Delete a draft never published (lead); a published workflow is retired instead',
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ deleted: z.string() }), 'Deleted'),
    ...errors({
      ...lead,
      404: 'No such workflow (NOT_FOUND)',
      409: 'It has a published version: retire it instead (DEFINITION_PUBLISHED)',
    }),
  },
});

export const retireDefinition = route({
  method: 'post',
  path: '/api/definitions/{id}/retire',
  summary:
    'Retire a published workflow (lead): no new request starts it; running ones finish; it stays for audit and replay',
  tags,
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams },
  responses: {
    200: json(Retirement, 'Retired (retiring again answers the first retirement)'),
    ...errors({
      ...lead,
      404: 'No such workflow (NOT_FOUND)',
      409: 'Never published: delete the draft instead (NOT_PUBLISHED)',
    }),
  },
});

export const bringBackDefinition = route({
  method: 'delete',
  path: '/api/definitions/{id}/retire',
  summary: 'Bring a retired workflow back (lead): requests can start it again',
  tags,
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ definitionId: z.string(), broughtBack: z.boolean() }), 'In use again'),
    ...errors({ ...lead, 404: 'No such workflow (NOT_FOUND)' }),
  },
});

export const listRunning = route({
  method: 'get',
  path: '/api/definitions/{id}/running',
  summary: 'How many requests are still running on each version (leads, auditors); counts only',
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ versions: z.array(RunningByVersion) }), 'Running requests by version'),
    ...errors({ 401: lead[401], 403: 'Not a lead, admin or auditor (FORBIDDEN)' }),
  },
});
