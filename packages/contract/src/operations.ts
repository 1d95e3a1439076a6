import { z } from 'zod';
import { errors, json, route } from './route.ts';

export const Health = z.object({
  ok: z.literal(true),
  database: z.object({
    schemaVersion: z.number().int(),
    journalMode: z.string().nullable(),
    synchronous: z.number().int().nullable(),
    foreignKeys: z.boolean().nullable(),
    /**
     * How this process's commits reach a database file: it is the file's writer, it forwards them to
     * the process that is, or it commits alone (no writer reachable). Null for a libSQL server.
     */
    writes: z.enum(['writer', 'forwarding', 'alone']).nullable(),
  }),
  process: z.string(),
});

export const health = route({
  method: 'get',
  path: '/api/health',
  summary: 'Liveness and database reachability',
  tags: ['operations'],
  'x-instance-data': false,
  'x-public': true,
  responses: {
    200: json(Health, 'Healthy'),
    ...errors({ 503: 'Database unreachable (DATABASE_UNREACHABLE)' }),
  },
});

export const openapiDocument = route({
  method: 'get',
  path: '/api/openapi.json',
  summary: 'This document',
  tags: ['operations'],
  'x-instance-data': false,
  'x-public': true,
  responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI 3.1 document') },
});
