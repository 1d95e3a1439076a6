import { z } from 'zod';

/** Request schemas: used to validate in handlers and to write /api/openapi.json. */
const id = z.string().min(1).max(200);

export const CreateDefinitionBody = z
  .object({ definition: z.unknown(), layout: z.unknown().optional() })
  .strict();
export const SaveDefinitionBody = z
  .object({ definition: z.unknown(), layout: z.unknown().optional(), revision: z.number().int().min(0) })
  .strict();
export const PublishBody = z.object({ revision: z.number().int().min(1).optional() }).strict();

export const ReplayQuery = z.object({ at: z.coerce.number().int().min(0).optional() }).strict();
export const VerifyQuery = z.object({ instanceId: id.optional() }).strict();
export const ExportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') }).strict();
export const AccessLogQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    userId: id.optional(),
    instanceId: id.optional(),
    outcome: z.enum(['allow', 'deny']).optional(),
    practice: z.enum(['true', 'false']).optional(),
    /** Only accesses made under break-glass emergency access (`true`), or none of them (`false`). */
    emergency: z.enum(['true', 'false']).optional(),
    category: z
      .enum([
        'phi',
        'task-list',
        'instance-list',
        'history',
        'definition',
        'account',
        'access-log',
        'tracking',
        'emergency-access',
        'authentication',
      ])
      .optional(),
    /** `newest` first (the report) or `oldest` first (the default, for paging through everything). */
    order: z.enum(['newest', 'oldest']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();
