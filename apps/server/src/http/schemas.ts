import { z } from 'zod';

/** Request schemas: used to validate in handlers and to write /api/openapi.json. */
const id = z.string().min(1).max(200);
const data = z.record(z.string(), z.unknown());
const priority = z.enum(['low', 'normal', 'high', 'urgent']);

export const CreateDefinitionBody = z
  .object({ definition: z.unknown(), layout: z.unknown().optional() })
  .strict();
export const SaveDefinitionBody = z
  .object({ definition: z.unknown(), layout: z.unknown().optional(), revision: z.number().int().min(0) })
  .strict();
export const PublishBody = z.object({ revision: z.number().int().min(1).optional() }).strict();

export const StartInstanceBody = z
  .object({
    definitionId: id,
    version: z.number().int().min(1).optional(),
    data: data.default({}),
    practice: z.boolean().optional(),
  })
  .strict();

/** A request started from My work: the start form's values. There is no practice flag: practice has its own page. */

export const ListInstancesQuery = z
  .object({
    definitionId: id.optional(),
    status: z.enum(['active', 'done', 'cancelled']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    person: id.optional(),
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
    patient: z.string().trim().min(1).max(200).optional(),
    /** Part of a person's name or username: requests anyone matching started or worked on. */
    personName: z.string().trim().min(2).max(200).optional(),
    definitionId: id.optional(),
    status: z.enum(['active', 'done', 'cancelled']).optional(),
    practice: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const SignalBody = z.object({ name: id, data: data.optional() }).strict();
export const CancelBody = z.object({ reason: z.string().max(2000).optional() }).strict();

export const TasksQuery = z
  .object({
    scope: z.enum(['mine', 'pool', 'all']).default('mine'),
    definitionId: id.optional(),
    role: id.optional(),
    dueBefore: z.iso.datetime({ offset: true }).optional(),
    status: z.enum(['open', 'closed']).optional(),
    practice: z.enum(['true', 'false']).optional(),
    /** Words every listed request's subject contains (ignoring case). */
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const CompleteBody = z
  .object({ outcome: id, data: data.optional(), note: z.string().max(8000).optional() })
  .strict();

export const ReassignBody = z
  .object({
    assignee: z.string().min(1).max(200).nullable().optional(),
    role: id.optional(),
    due: z.iso.datetime({ offset: true }).nullable().optional(),
    priority: priority.optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict();

export const BulkReassignBody = z
  .object({
    /** Every open task of this person… */
    from: id.optional(),
    /** …or these tasks. */
    taskIds: z.array(id).max(500).optional(),
    assignee: z.string().min(1).max(200).nullable().optional(),
    role: id.optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict()
  .refine(
    (b) => b.from !== undefined || b.taskIds !== undefined,
    'name the tasks (taskIds) or the person (from)',
  );

export const CommentBody = z.object({ body: z.string().min(1).max(8000) }).strict();

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
