import { z } from 'zod';
import { Id, InstanceData, Timestamp } from './common.ts';

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
});
export type ActiveStepView = z.infer<typeof ActiveStepView>;

/** An instance as `GET /api/instances/{id}` shows it: state, active steps, owning roles, assignees. */
export const InstanceView = z.object({
  id: Id,
  definitionId: Id,
  definitionTitle: z.string(),
  version: z.number().int(),
  status: z.enum(['active', 'done', 'cancelled']),
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
