import type { Definition, Handbook } from '@portalflow/engine';
import { z } from 'zod';
import { engineShape, Id } from './common.ts';
import { errors, route } from './route.ts';

export const HandbookAnswer = z.object({
  handbook: engineShape<Handbook>('Steps, owners, deadlines, help and what changed'),
  definition: engineShape<Definition>('The published definition'),
  layout: z.unknown(),
});
export type HandbookAnswer = z.infer<typeof HandbookAnswer>;

export const getHandbook = route({
  method: 'get',
  path: '/api/handbook/{id}/{v}',
  summary: 'Handbook of a published version as JSON, a Markdown download or an SVG diagram',
  tags: ['definitions'],
  'x-instance-data': false,
  request: {
    params: z.object({ id: Id, v: z.coerce.number().int().min(1) }),
    query: z.object({ format: z.enum(['json', 'md', 'svg']).optional() }).strict(),
  },
  responses: {
    200: {
      description: 'The handbook',
      content: {
        'application/json': { schema: HandbookAnswer },
        'text/markdown': { schema: z.string() },
        'image/svg+xml': { schema: z.string() },
      },
    },
    ...errors({
      400: 'The version is not a whole number from 1 (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      404: 'No such version (NOT_FOUND)',
    }),
  },
});
