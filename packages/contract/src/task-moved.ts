import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * Why a task someone held (or waited on in their pool) is no longer theirs to open: the details of
 * `GET /api/tasks/{id}`'s 403 TASK_MOVED, so the panel, the bell and the email's link can say what
 * happened in words. Roles and colleagues only: never the request's data.
 */
export const TaskMoved = z.object({
  /** Its deadline passed and escalated it; a lead reassigned it; or it was sent back automatically. */
  how: z.enum(['deadline', 'reassigned', 'automatic']),
  /** When it moved. */
  at: Timestamp,
  /** Its due time when it moved (the deadline that passed). */
  due: Timestamp.nullable(),
  /** The role that has it now, and its title in the request's workflow. */
  role: z.string(),
  roleTitle: z.string(),
  /** Who holds it now (null: waiting in that role's pool). */
  holder: z.string().nullable(),
  /** Who moved it (a lead's reassignment), else null. */
  by: z.string().nullable(),
  /** The reader held it when it moved (else it left their pool). */
  held: z.boolean(),
});
export type TaskMoved = z.infer<typeof TaskMoved>;
