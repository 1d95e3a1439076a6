import type { RoleChange } from '@portalflow/engine';
import { z } from 'zod';
import { engineShape, Id, IdParams, Person } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/**
 * Published versions changed what a role does: a person holding it reads what changed since the
 * version they last finished and practises the latest. One per person, workflow and role; finishing it
 * covers every version up to `version`.
 */
export const ChangeRefresher = z.object({
  definitionId: Id,
  title: z.string(),
  /** The latest published version. */
  version: z.number().int(),
  /** The version compared with: the one the person last finished (version 1 if none). */
  previousVersion: z.number().int(),
  /** When `version` was published. */
  publishedAt: z.string(),
  role: z.string(),
  roleName: z.string(),
  change: engineShape<RoleChange>(
    'What changed for the role from `previousVersion` to `version`, as a whole',
  ),
});
export type ChangeRefresher = z.infer<typeof ChangeRefresher>;

export const RefresherProgress = z.object({
  acknowledgedAt: z.string().nullable(),
  /**
   * Whether finishing needs a practice run as well as reading: only when something changed in the
   * steps the role works itself, and it still has a step of its own in the workflow. Overdue work
   * that lands on the role at another time (or starts or stops landing on it) is read, not practised:
   * a practice run never goes overdue.
   */
  practiceNeeded: z.boolean(),
  /** When a practice run of the last change to practise (or a later version) was finished; null when none is needed. */
  practiceDoneAt: z.string().nullable(),
  done: z.boolean(),
});
export type RefresherProgress = z.infer<typeof RefresherProgress>;

/** What the people who know `previousVersion` have to read to catch up with the latest version. */
export const RefresherComparison = z.object({
  previousVersion: z.number().int(),
  change: engineShape<RoleChange>('What changed for the role since `previousVersion`'),
});
export type RefresherComparison = z.infer<typeof RefresherComparison>;

/**
 * One workflow and role whose job changed since version 1: each holder with the version they are
 * compared with. `done` with no `acknowledgedAt`: nothing changed for that person (a change came
 * and went again in versions they skipped).
 */
export const RoleRefresherStatus = ChangeRefresher.omit({ previousVersion: true, change: true }).extend({
  /** One per version people still to do start from, oldest first. */
  comparisons: z.array(RefresherComparison),
  people: z.array(Person.extend(RefresherProgress.shape).extend({ previousVersion: z.number().int() })),
});
export type RoleRefresherStatus = z.infer<typeof RoleRefresherStatus>;

/** One workflow a regular refresher covers, for one person: each must be practised. */
export const WorkflowPractice = z.object({
  definitionId: Id,
  title: z.string(),
  lastDoneAt: z.string().nullable(),
  /** `everyDays` after the last practice run, moved off days the clinic is closed. */
  dueAt: z.string(),
  due: z.boolean(),
});
export type WorkflowPractice = z.infer<typeof WorkflowPractice>;

const periodicFields = {
  scheduleId: z.string(),
  role: z.string().nullable(),
  /** The workflow to practise next: the first still due, else the one due soonest. */
  definitionId: Id,
  everyDays: z.number().int(),
  /** The oldest of the workflows' last practice runs; null while any was never practised. */
  lastDoneAt: z.string().nullable(),
  /** The soonest of the workflows' due times. */
  dueAt: z.string(),
  /** Some covered workflow is due: the person is up to date only when none is. */
  due: z.boolean(),
  /** Every workflow the schedule covers for the person (all the role works, for a role's schedule). */
  workflows: z.array(WorkflowPractice),
};
export const PeriodicRefresher = z.object({ ...periodicFields, title: z.string() });
export type PeriodicRefresher = z.infer<typeof PeriodicRefresher>;

export const MyRefreshers = z.object({
  changes: z.array(ChangeRefresher.extend(RefresherProgress.shape)),
  periodic: z.array(PeriodicRefresher),
});
export type MyRefreshers = z.infer<typeof MyRefreshers>;

export const RefresherSchedule = z.object({
  id: z.string(),
  role: z.string().nullable(),
  definitionId: z.string().nullable(),
  everyDays: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type RefresherSchedule = z.infer<typeof RefresherSchedule>;

/**
 * How many real requests (practice runs never count) each holder of a role completed in each workflow
 * the role works in, over the last `days`. Staff who handle few of a workflow lose the routine: those
 * under `fewerThan` are the ones a refresher is for.
 */
export const RealPractice = z.object({
  days: z.number().int(),
  fewerThan: z.number().int(),
  roles: z.array(
    z.object({
      role: z.string(),
      roleName: z.string(),
      /** Workflows with steps for the role, in catalog order. */
      workflows: z.array(z.object({ definitionId: Id, title: z.string() })),
      /** `completed[i]`: tasks of `workflows[i]` the person completed in this role. */
      people: z.array(Person.extend({ completed: z.array(z.number().int()) })),
    }),
  ),
});
export type RealPractice = z.infer<typeof RealPractice>;

export const RefresherOverview = z.object({
  changes: z.array(RoleRefresherStatus),
  schedules: z.array(
    RefresherSchedule.extend({
      title: z.string().nullable(),
      roleName: z.string().nullable(),
      people: z.array(Person.extend(periodicFields)),
    }),
  ),
  practice: RealPractice,
});
export type RefresherOverview = z.infer<typeof RefresherOverview>;

const roleId = z.string().min(1).max(80);
export const AcknowledgeBody = z
  .object({ definitionId: z.string().min(1).max(200), version: z.number().int().min(2), role: roleId })
  .strict();
export const ScheduleBody = z
  .object({
    role: roleId.optional(),
    definitionId: z.string().min(1).max(200).optional(),
    everyDays: z.number().int().min(1).max(3650),
  })
  .strict()
  .refine((s) => s.role !== undefined || s.definitionId !== undefined, {
    message: 'name a role, a workflow, or both',
  });

const signedIn = { 401: 'Not signed in (UNAUTHENTICATED)' } as const;

export const myRefreshers = route({
  method: 'get',
  path: '/api/refreshers/mine',
  summary: 'What changed for you: refreshers for the roles you hold, and periodic refreshers due',
  tags: ['refreshers'],
  'x-instance-data': false,
  responses: { 200: json(MyRefreshers, 'Your refreshers'), ...errors(signedIn) },
});

export const acknowledgeRefresher = route({
  method: 'post',
  path: '/api/refreshers/acknowledge',
  summary: 'Confirm you read what changed for one of your roles, up to the latest published version',
  tags: ['refreshers'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { body: jsonBody(AcknowledgeBody) },
  responses: {
    200: json(
      z.object({
        acknowledgement: z.object({
          userId: z.string(),
          definitionId: z.string(),
          version: z.number().int(),
          role: z.string(),
          at: z.string(),
        }),
      }),
      'Acknowledged (repeats keep the first time)',
    ),
    ...errors({
      ...signedIn,
      403: 'You do not hold the role (FORBIDDEN)',
      404: 'No such refresher (NOT_FOUND)',
      409: 'A later version was published since: read what changed again (CONFLICT)',
    }),
  },
});

export const refresherOverview = route({
  method: 'get',
  path: '/api/refreshers',
  summary: 'Every refresher with who has done it and who has not (leads, auditors)',
  tags: ['refreshers'],
  'x-instance-data': false,
  responses: {
    200: json(RefresherOverview, 'Refreshers and schedules with people'),
    ...errors({ ...signedIn, 403: 'Not a lead or auditor (FORBIDDEN)' }),
  },
});

export const listRefresherSchedules = route({
  method: 'get',
  path: '/api/refresher-schedules',
  summary: 'Periodic refresher schedules (leads, auditors)',
  tags: ['refreshers'],
  'x-instance-data': false,
  responses: {
    200: json(z.object({ schedules: z.array(RefresherSchedule) }), 'The schedules'),
    ...errors({ ...signedIn, 403: 'Not a lead or auditor (FORBIDDEN)' }),
  },
});

export const addRefresherSchedule = route({
  method: 'post',
  path: '/api/refresher-schedules',
  summary: 'Schedule a refresher every N days for a role, a workflow, or a role in one workflow (lead)',
  tags: ['refreshers'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { body: jsonBody(ScheduleBody) },
  responses: {
    201: json(z.object({ schedule: RefresherSchedule }), 'Scheduled'),
    ...errors({ ...signedIn, 403: 'Not a lead (FORBIDDEN)' }),
  },
});

export const deleteRefresherSchedule = route({
  method: 'delete',
  path: '/api/refresher-schedules/{id}',
  summary: 'Stop a periodic refresher (lead)',
  tags: ['refreshers'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ deleted: z.literal(true) }), 'Deleted'),
    ...errors({ ...signedIn, 403: 'Not a lead (FORBIDDEN)', 404: 'No such schedule (NOT_FOUND)' }),
  },
});
