import { DeadlineSchema, FormFieldSchema } from '@portalflow/engine';
import { z } from 'zod';
import { Id, IdParams, InstanceData, Page, Priority, Timestamp } from './common.ts';
import { ActiveStepView, InstanceView, Task } from './instances.ts';
import { NoteView } from './notes.ts';
import { errors, json, jsonBody, optionalJsonBody, route } from './route.ts';
import { TaskDraftMark } from './task-drafts.ts';

/** A queue row: the task with its request's subject and start time (which tell rows apart). */
export const TaskRow = Task.extend({
  subject: z.string().nullable(),
  requestStartedAt: Timestamp.nullable(),
  /** Files on the request now (a statement, a signed form), removed ones not counted. */
  files: z.number().int(),
  /** Answers typed on the task and kept as its draft: who typed them and when (absent when none). */
  draft: TaskDraftMark.optional(),
});
export type TaskRow = z.infer<typeof TaskRow>;

/** What a task's step asks of whoever works it. */
export const TaskStepView = z.object({
  id: z.string(),
  title: z.string(),
  outcomes: z.array(z.string()),
  form: z.array(FormFieldSchema),
  help: z.string().nullable(),
  deadline: DeadlineSchema.nullable(),
});
export type TaskStepView = z.infer<typeof TaskStepView>;

/** `GET /api/tasks/{id}`: the task, its step, its instance and the request's notes from every step. */
export const TaskDetail = z.object({
  task: Task,
  /**
   * The request's subject as its list row says it: the panel keeps naming the request the person
   * opened after the task left their list (a colleague took or finished it).
   */
  subject: z.string().nullable(),
  step: TaskStepView.nullable(),
  instance: InstanceView,
  /**
   * The fields the request's data can hold, as the workflow declares them: the start form, then each
   * step's form in definition order, each once. Screens label and order the data with these.
   */
  fields: z.array(FormFieldSchema),
  /** "History so far": every note of the request, with its step and edits. */
  notes: z.array(NoteView),
  /**
   * "Notes for you": the ids of those notes, marked for the next role, that were handed on in the round
   * that led to this task (not earlier rounds of a request sent back and forth), written by others.
   */
  forYou: z.array(z.string()),
  /**
   * The reader started the request and nobody has acted on it yet, so they may withdraw it
   * (`POST /api/instances/{id}/cancel`, refused with 409 REQUEST_UNDER_WAY if someone acts first).
   */
  withdrawable: z.boolean(),
  /**
   * The reader may work this task though its role is not theirs: it is a step of a practice run they
   * started, which they play through in every role ("played for practice as <role>").
   */
  practiceStandIn: z.boolean(),
  /**
   * Answers typed on the task and kept as its draft: who typed them and when, never what (those only
   * its holder reads, `GET /api/tasks/{id}/draft`). Null when none is kept.
   */
  draft: TaskDraftMark.nullable(),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

/** The answer to a task action: the task as it now is (null once it closed) and its instance. */
export const TaskActionAnswer = z.object({ task: ActiveStepView.nullable(), instance: InstanceView });
export type TaskActionAnswer = z.infer<typeof TaskActionAnswer>;

export const BulkReassignResult = z.object({
  taskId: z.string(),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type BulkReassignResult = z.infer<typeof BulkReassignResult>;

export const TasksQuery = z
  .object({
    /** `done`: what I completed in the last 7 days, newest first (one page; no cursor). */
    scope: z.enum(['mine', 'pool', 'all', 'done']).default('mine'),
    definitionId: Id.optional(),
    role: Id.optional(),
    dueBefore: z.iso.datetime({ offset: true }).optional(),
    status: z.enum(['open', 'closed']).optional(),
    practice: z.enum(['true', 'false']).optional(),
    /**
     * Refused: a subject is patient data (a chart number, a medication), and URLs end up in proxy and
     * server logs. Lists are filtered where they are shown; a request is found by its reference with
     * `POST /api/instances/search`, which takes it in the body.
     */
    q: z
      .string()
      .optional()
      .refine((q) => q === undefined, {
        error:
          'Patient data never goes in a URL: filter the list where it is shown, or find a request with POST /api/instances/search (the reference in the body)',
      }),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const CompleteBody = z
  .object({
    outcome: Id,
    data: InstanceData.optional(),
    note: z.string().max(8000).optional(),
    /** The note is for whoever takes the request next (highlighted in their task). */
    forNextRole: z.boolean().optional(),
    /**
     * The revision of the task's draft the form was filled from (0: none was read). When a draft someone
     * else typed is newer (the previous holder's, never shown here), the completion is refused with it
     * (409 TASK_DRAFT_UNSEEN) instead of removing those answers unseen. Left out, no draft is checked.
     */
    draftSeen: z.number().int().min(0).max(1_000_000_000).meta({ title: 'Draft revision seen' }).optional(),
  })
  .strict();

/**
 * A release may carry the note typed in the task panel: saved with the release in the same write (a
 * release that loses saves nothing). Marked for the next role, whoever takes the task next reads it.
 */
export const ReleaseBody = z
  .object({
    note: z.string().max(8000).optional(),
    forNextRole: z.boolean().optional(),
  })
  .strict();
export type ReleaseBody = z.input<typeof ReleaseBody>;

export const ReassignBody = z
  .object({
    assignee: z.string().min(1).max(200).nullable().optional(),
    role: Id.optional(),
    due: z.iso.datetime({ offset: true }).nullable().optional(),
    priority: Priority.optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict();

export const BulkReassignBody = z
  .object({
    /** Every open task of this person… */
    from: Id.optional(),
    /** …or these tasks. */
    taskIds: z.array(Id).max(500).optional(),
    assignee: z.string().min(1).max(200).nullable().optional(),
    role: Id.optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict()
  .refine(
    (b) => b.from !== undefined || b.taskIds !== undefined,
    'name the tasks (taskIds) or the person (from)',
  );
export type BulkReassignBody = z.input<typeof BulkReassignBody>;

/**
 * Handing the task you hold to a named colleague who holds its role (covering for you), with a note
 * for them: saved with the hand-off in the same write (a hand-off that loses saves nothing).
 */
export const HandOffBody = z
  .object({
    /** The colleague's user id (from `GET /api/tasks/{id}/colleagues`). */
    to: Id,
    note: z.string().trim().min(1, 'Write a note for your colleague').max(8000),
  })
  .strict();
export type HandOffBody = z.input<typeof HandOffBody>;

/** A colleague a task can be handed to: an active account holding the task's role. */
export const HandOffColleague = z.object({ id: Id, displayName: z.string(), username: z.string() });
export type HandOffColleague = z.infer<typeof HandOffColleague>;

export const CommentBody = z.object({ body: z.string().min(1).max(8000) }).strict();

/** What every action on one task may answer besides success. */
const actionErrors = errors({
  400: 'A bad body (VALIDATION_FAILED)',
  401: 'Not signed in (UNAUTHENTICATED)',
  403: 'Not your role, or auditors (FORBIDDEN)',
  404: 'No such task (NOT_FOUND)',
  409: 'The task closed or is held by someone else, or your role was taken meanwhile (TASK_CLOSED, ALREADY_CLAIMED, ALREADY_YOURS, NOT_YOURS, NOT_ASSIGNED, ROLE_REMOVED, ASSIGNEE_LOST_ROLE, ASSIGNEE_DISABLED, HISTORY_LIMIT, CONFLICT)',
  413: 'The event would be too large (PAYLOAD_TOO_LARGE)',
  422: 'A reused Idempotency-Key (IDEMPOTENCY_KEY_REUSED)',
});

export const listTasks = route({
  method: 'get',
  path: '/api/tasks',
  summary:
    "Work queues: mine, my roles' unassigned pools, all (leads), or done (what I completed in the last 7 days)",
  tags: ['tasks'],
  'x-instance-data': true,
  request: { query: TasksQuery },
  responses: {
    200: json(Page(TaskRow), 'A page of tasks, due first'),
    ...errors({
      400: 'A bad filter (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'All tasks are for leads and auditors; a role you do not hold (FORBIDDEN)',
    }),
  },
});

export const getTask = route({
  method: 'get',
  path: '/api/tasks/{id}',
  summary:
    "A task with its step (form, outcomes, help), instance data and the request's notes from every step",
  tags: ['tasks'],
  'x-instance-data': true,
  request: { params: IdParams },
  responses: {
    200: json(TaskDetail, 'Task'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not your role (FORBIDDEN); or it moved away from you or your pool, with what happened as details (TASK_MOVED, TaskMoved)',
      404: 'No such task (NOT_FOUND)',
    }),
  },
});

export const claimTask = route({
  method: 'post',
  path: '/api/tasks/{id}/claim',
  summary: "Take an unassigned task from your role's pool; a lost race is 409",
  tags: ['tasks'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: IdParams },
  responses: { 200: json(TaskActionAnswer, 'Claimed'), ...actionErrors },
});

export const releaseTask = route({
  method: 'post',
  path: '/api/tasks/{id}/release',
  summary: 'Put your task back in its pool, with the handoff note you typed if any',
  tags: ['tasks'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: IdParams, body: optionalJsonBody(ReleaseBody) },
  responses: { 200: json(TaskActionAnswer, 'Released'), ...actionErrors },
});

export const taskColleagues = route({
  method: 'get',
  path: '/api/tasks/{id}/colleagues',
  summary:
    'Who a task can be handed to: the other active people holding its role (read by whoever may see the task)',
  tags: ['tasks'],
  'x-instance-data': true,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ colleagues: z.array(HandOffColleague) }), 'Colleagues, by name'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not a task you may see (FORBIDDEN)',
      404: 'No such task (NOT_FOUND)',
    }),
  },
});

export const handOffTask = route({
  method: 'post',
  path: '/api/tasks/{id}/hand-off',
  summary:
    'Hand the task you hold to a named colleague who holds its role, with a note for them (they are told on the bell); of two at once one wins, the other gets 409',
  tags: ['tasks'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(HandOffBody) },
  responses: {
    200: json(TaskActionAnswer, 'Handed over'),
    ...actionErrors,
    ...errors({
      409: 'You no longer hold the task, it closed, or it is already theirs (NOT_YOURS, NOT_ASSIGNED, TASK_CLOSED, ALREADY_YOURS, CONFLICT)',
      422: 'The colleague is not an active account holding the task’s role (ASSIGNEE_INVALID)',
    }),
  },
});

export const completeTask = route({
  method: 'post',
  path: '/api/tasks/{id}/complete',
  summary:
    'Finish a task with an outcome and its form (only the fields the step declares); one of two racing completes wins, the other gets 409',
  tags: ['tasks'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(CompleteBody) },
  responses: {
    200: json(TaskActionAnswer, 'Completed'),
    ...actionErrors,
    ...errors({
      400: 'A data field the step does not declare (UNDECLARED_FIELD) or another step owns (FIELD_OWNED)',
      409: "The task closed or is held by someone else, your role was taken meanwhile, or a colleague's draft of it is newer than the one named as seen (TASK_CLOSED, ALREADY_CLAIMED, ALREADY_YOURS, NOT_YOURS, NOT_ASSIGNED, ROLE_REMOVED, ASSIGNEE_LOST_ROLE, ASSIGNEE_DISABLED, HISTORY_LIMIT, CONFLICT, TASK_DRAFT_UNSEEN)",
      422: 'Unknown outcome or invalid form (UNKNOWN_OUTCOME, …)',
    }),
  },
});

export const reassignTask = route({
  method: 'post',
  path: '/api/tasks/{id}/reassign',
  summary: "Give a task to a person or another role's pool, or change its due date or priority (leads)",
  tags: ['tasks'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(ReassignBody) },
  responses: {
    200: json(TaskActionAnswer, 'Reassigned'),
    ...actionErrors,
    ...errors({
      403: 'Leads only (FORBIDDEN)',
      422: 'The assignee is not an active account holding the task’s role (ASSIGNEE_INVALID)',
    }),
  },
});

export const bulkReassign = route({
  method: 'post',
  path: '/api/tasks/reassign',
  summary: 'Bulk reassign: every open task of an absent colleague, or a list (leads)',
  tags: ['tasks'],
  'x-instance-data': true,
  request: { body: jsonBody(BulkReassignBody) },
  responses: {
    200: json(
      z.object({ results: z.array(BulkReassignResult), moved: z.number().int() }),
      'Per-task results',
    ),
    ...errors({
      400: 'A bad body (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Leads only (FORBIDDEN)',
      422: 'The assignee is not an active account holding the role of every named task; nothing was moved (ASSIGNEE_INVALID)',
    }),
  },
});

/** A note in the older per-task comment shape, kept for callers of the comment routes. */
export const TaskComment = z.object({
  id: z.string(),
  taskId: z.string().nullable(),
  instanceId: Id,
  userId: z.string(),
  at: Timestamp,
  body: z.string(),
});
export type TaskComment = z.infer<typeof TaskComment>;

export const listTaskComments = route({
  method: 'get',
  path: '/api/tasks/{id}/comments',
  summary: "Comments written on this task (the request's notes from this step)",
  tags: ['tasks'],
  'x-instance-data': true,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ comments: z.array(TaskComment) }), 'The comments, oldest first'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not your role (FORBIDDEN)',
      404: 'No such task (NOT_FOUND)',
    }),
  },
});

export const addTaskComment = route({
  method: 'post',
  path: '/api/tasks/{id}/comments',
  summary: 'Comment on a task: a note on the request, read by every later step',
  tags: ['tasks'],
  'x-instance-data': true,
  request: { params: IdParams, body: jsonBody(CommentBody) },
  responses: {
    201: json(z.object({ comment: TaskComment }), 'Added'),
    ...errors({
      400: 'A bad body (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not your role, or auditors (FORBIDDEN)',
      404: 'No such task (NOT_FOUND)',
      409: 'The task or the request is closed (TASK_CLOSED, REQUEST_CLOSED)',
    }),
  },
});
