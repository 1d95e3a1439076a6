import { z } from 'zod';
import { EmergencyGrant } from './auth.ts';
import { IdParams } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

export const EmergencyAccessBody = z
  .object({
    /** Why: recorded with every access made under the grant and shown to auditors. */
    reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(500),
    minutes: z.number().int().min(5).max(240).optional(),
  })
  .strict();
export type EmergencyAccessBody = z.input<typeof EmergencyAccessBody>;

export const EmergencyAccessQuery = z.object({ scope: z.enum(['mine', 'all']).default('mine') }).strict();

const tags = ['emergency-access'];
const signedOut = 'Not signed in (UNAUTHENTICATED)';

export const requestEmergencyAccess = route({
  method: 'post',
  path: '/api/emergency-access',
  summary: 'Break glass: read access to every instance for a limited time, with a reason (break-glass role)',
  tags,
  'x-instance-data': false,
  request: { body: jsonBody(EmergencyAccessBody) },
  responses: {
    201: json(z.object({ grant: EmergencyGrant }), 'Granted'),
    ...errors({
      400: 'No reason, or too short (VALIDATION_FAILED)',
      401: signedOut,
      403: 'Not a break-glass role holder (FORBIDDEN)',
      409: 'A grant is already in force (ALREADY_GRANTED)',
    }),
  },
});

export const listEmergencyAccess = route({
  method: 'get',
  path: '/api/emergency-access',
  summary: 'Break-glass grants: your own, or everyone’s for auditors and admins (`scope=all`)',
  tags,
  'x-instance-data': false,
  request: { query: EmergencyAccessQuery },
  responses: {
    200: json(
      z.object({ active: EmergencyGrant.nullable(), grants: z.array(EmergencyGrant) }),
      'The grant in force, if any, and the grants',
    ),
    ...errors({
      400: 'Invalid query (VALIDATION_FAILED)',
      401: signedOut,
      403: '`scope=all` by neither auditor nor admin (FORBIDDEN)',
    }),
  },
});

export const endEmergencyAccess = route({
  method: 'post',
  path: '/api/emergency-access/{id}/end',
  summary: 'End your break-glass grant early',
  tags,
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ ok: z.literal(true) }), 'Ended'),
    ...errors({ 401: signedOut, 404: 'No such grant of yours in force (NOT_FOUND)' }),
  },
});
