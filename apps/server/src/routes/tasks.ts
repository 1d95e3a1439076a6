import type { Definition, EngineEvent } from '@portalflow/engine';
import type { Instance, Task } from '@portalflow/store';
import { type Context, Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, canAct, clinicRoles, isAuditor, isLead } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { BulkReassignBody, CompleteBody, ReassignBody, TasksQuery } from '../http/schemas.ts';
import { body, query } from '../http/validate.ts';
import { canSeeTask } from '../instances/access.ts';
import { activeAssignee, requireHoldsRole, requireStaffedRole } from '../instances/assignee.ts';
import { type Extras, historyWarningHeader, type InstanceService } from '../instances/service.ts';
import { activeSteps, instanceView } from '../instances/view.ts';
import { noteViews } from '../notes/view.ts';
import { searchTasks } from '../requests/search.ts';
import { listedDetail, withLabels } from '../requests/subjects.ts';

/** `${instanceId}:${token}` → its parts. */
function splitTaskId(id: string): { instanceId: string; token: string } {
  const at = id.lastIndexOf(':');
  if (at <= 0) throw notFound('The task');
  return { instanceId: id.slice(0, at), token: id.slice(at + 1) };
}

/** The instance part of a task id, for logging a refusal before the task is looked up. */
function instanceOfTask(id: string): string | null {
  const at = id.lastIndexOf(':');
  return at > 0 ? id.slice(0, at) : null;
}

/** The open task in the instance's current state, or a 409 (it moved on) / 404. */
function openTask(instance: Instance, token: string) {
  const item = Object.values(instance.snapshot.context.active).find(
    (a) => a.token === token && a.kind === 'task',
  );
  if (!item) {
    throw new ApiError(
      409,
      'TASK_CLOSED',
      'This task is no longer open: someone completed it or the workflow moved on',
      {
        status: instance.status,
      },
    );
  }
  return item;
}

export function taskRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const taskView = (v: { instance: Instance; definition: Definition }, token: string) => ({
    task:
      activeSteps(v.instance.id, v.definition, v.instance.snapshot).find((a) => a.token === token) ?? null,
    instance: instanceView(v.instance, v.definition),
  });

  /** Runs one task action with the checks every action shares. */
  async function onTask(
    c: Context<AppEnv>,
    user: AuthUser,
    taskId: string,
    detail: string,
    build: (
      item: ReturnType<typeof openTask>,
      instance: Instance,
      definition: Definition,
    ) => EngineEvent | Promise<EngineEvent>,
    extras: Pick<Extras, 'completionNote'> = {},
  ) {
    const { instanceId, token } = splitTaskId(taskId);
    if (!canAct(user)) {
      await recordAccess(deps, c, user, { instanceId, category: 'phi', outcome: 'deny', detail });
      throw forbidden('Auditors read but do not act');
    }
    try {
      const applied = await instances.act(
        { user, role: null },
        instanceId,
        (instance, definition) => build(openTask(instance, token), instance, definition),
        (v) => taskView(v, token),
        idempotencyOf(c),
        // Logged in the change's own commit: one group commit per request.
        {
          access: (id) =>
            accessEntry(deps, c, user, { instanceId: id, category: 'phi', outcome: 'allow', detail }),
          ...extras,
        },
      );
      if (applied.replayed) {
        await recordAccess(deps, c, user, {
          instanceId,
          category: 'phi',
          outcome: 'allow',
          detail: `${detail} (replayed)`,
        });
        return c.json(applied.replayed.response as object, applied.replayed.status as 200);
      }
      if (applied.historyWarning)
        c.header('Portalflow-Warning', historyWarningHeader(applied.historyWarning));
      return c.json(taskView(applied, token));
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        await recordAccess(deps, c, user, { instanceId, category: 'phi', outcome: 'deny', detail });
      }
      // Not open now: a task that closed is a lost race (409), a token that never was a task is a 404,
      // and a task the caller could never see is refused without saying what became of it.
      if (error instanceof ApiError && error.code === 'TASK_CLOSED') {
        const task = await deps.store.getTask(taskId);
        if (!task) throw notFound('The task');
        if (!canSeeTask(user, task, { emergency: false })) {
          await recordAccess(deps, c, user, { instanceId, category: 'phi', outcome: 'deny', detail });
          throw forbidden('This task belongs to a role you do not hold');
        }
      }
      throw error;
    }
  }

  docs.add({
    method: 'get',
    path: '/api/tasks',
    summary: "Work queues: mine, my roles' unassigned pools, or all (leads)",
    tag: 'tasks',
    instanceData: true,
    query: TasksQuery,
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    const q = query(c, TasksQuery);
    const everyone = isLead(user) || isAuditor(user);
    const mine = clinicRoles(user);
    if ((q.scope === 'all' || (q.role && !mine.includes(q.role))) && !everyone) {
      await recordAccess(deps, c, user, { category: 'task-list', outcome: 'deny', detail: q.scope });
      throw forbidden(
        q.scope === 'all' ? 'Only leads and auditors see every task' : `You do not hold the role '${q.role}'`,
      );
    }
    const roles = q.role ? [q.role] : q.scope === 'all' ? await instances.allRoles() : mine;
    const filter: Parameters<typeof deps.store.listTasks>[0] = {
      scope: q.scope,
      userId: user.id,
      roles,
      practice: q.practice === 'true',
    };
    if (q.definitionId) filter.definitionId = q.definitionId;
    if (q.dueBefore) filter.dueBefore = new Date(q.dueBefore).toISOString();
    if (q.status) filter.status = q.status;
    if (q.limit) filter.limit = q.limit;
    if (q.cursor) filter.cursor = q.cursor;
    const page = q.q
      ? await searchTasks(deps, instances, filter, q.q)
      : await deps.store.listTasks(filter).then(async (p) => ({
          items: await withLabels(deps, instances, p.items),
          nextCursor: p.nextCursor,
        }));
    // Rows carry each request's subject (patient data): the read names every instance it showed.
    await recordAccess(deps, c, user, {
      category: 'task-list',
      outcome: 'allow',
      detail: listedDetail(q.scope, page.items),
    });
    return c.json(page);
  });

  docs.add({
    method: 'get',
    path: '/api/tasks/{id}',
    summary:
      "A task with its step (form, outcomes, help), instance data and the request's notes from every step",
    tag: 'tasks',
    instanceData: true,
    responses: { 200: 'Task', 403: 'Not your role', 404: 'No such task' },
  });
  app.get('/:id', async (c) => {
    const user = requireUser(c);
    const task = await deps.store.getTask(c.req.param('id'));
    if (!task) throw notFound('The task');
    if (!canSeeTask(user, task)) {
      await recordAccess(deps, c, user, { instanceId: task.instanceId, category: 'phi', outcome: 'deny' });
      throw forbidden('This task belongs to a role you do not hold');
    }
    const { instance, definition } = await instances.load(task.instanceId);
    // The step id lets the access log say which task was opened ("Opened 'Sort the message' of …").
    await recordAccess(deps, c, user, {
      instanceId: task.instanceId,
      category: 'phi',
      outcome: 'allow',
      detail: `step ${task.step}`,
    });
    const step = definition.steps[task.step];
    return c.json({
      task,
      step:
        step?.type === 'task'
          ? {
              id: task.step,
              title: step.title,
              outcomes: Object.keys(step.outcomes),
              form: step.form ?? [],
              help: step.help ?? null,
              deadline: step.deadline ?? null,
            }
          : null,
      instance: instanceView(instance, definition),
      // "History so far": notes from every step of the request, not only this task's.
      notes: noteViews(await deps.store.listNoteRevisions(instance.id), definition),
    });
  });

  docs.add({
    method: 'post',
    path: '/api/tasks/{id}/claim',
    summary: "Take an unassigned task from your role's pool; a lost race is 409",
    tag: 'tasks',
    instanceData: true,
    idempotent: true,
    responses: { 200: 'Claimed', 403: 'Not your role', 409: 'Someone else has it, or it closed' },
  });
  app.post('/:id/claim', async (c) => {
    const user = requireUser(c);
    return onTask(c, user, c.req.param('id'), 'claim', (item) => {
      if (!item.role || !user.roles.includes(item.role))
        throw forbidden(`This task is in the '${item.role}' pool`);
      if (item.assignee) {
        throw new ApiError(
          409,
          item.assignee === user.id ? 'ALREADY_YOURS' : 'ALREADY_CLAIMED',
          item.assignee === user.id ? 'You already have this task' : 'Someone else claimed this task first',
        );
      }
      return { type: 'reassign', token: item.token, assignee: user.id, actor: user.id, role: item.role };
    });
  });

  docs.add({
    method: 'post',
    path: '/api/tasks/{id}/release',
    summary: 'Put your task back in its pool',
    tag: 'tasks',
    instanceData: true,
    idempotent: true,
    responses: { 200: 'Released', 409: 'Not yours' },
  });
  app.post('/:id/release', async (c) => {
    const user = requireUser(c);
    return onTask(c, user, c.req.param('id'), 'release', (item) => {
      if (item.assignee !== user.id && !isLead(user)) {
        // Someone else's task in your own pool has moved on (409); a task of another role is not yours to touch.
        if (!item.role || !user.roles.includes(item.role))
          throw forbidden(`This task is in the '${item.role}' pool`);
        throw new ApiError(409, 'NOT_YOURS', 'Only the person who has the task (or a lead) can release it');
      }
      if (!item.assignee) throw new ApiError(409, 'NOT_ASSIGNED', 'The task is already in its pool');
      const event: EngineEvent = { type: 'reassign', token: item.token, assignee: null, actor: user.id };
      if (item.role) event.role = item.role;
      return event;
    });
  });

  docs.add({
    method: 'post',
    path: '/api/tasks/{id}/complete',
    summary:
      'Finish a task with an outcome and its form (only the fields the step declares); one of two racing completes wins, the other gets 409',
    tag: 'tasks',
    instanceData: true,
    body: CompleteBody,
    idempotent: true,
    responses: {
      200: 'Completed',
      400: 'A data field the step does not declare (UNDECLARED_FIELD) or another step owns (FIELD_OWNED)',
      403: 'Not your role',
      409: 'Already completed or someone else has it',
      422: 'Unknown outcome or invalid form',
    },
  });
  app.post('/:id/complete', async (c) => {
    const user = requireUser(c);
    const input = await body(c, CompleteBody);
    // The note belongs to the request (its notes, editable with a trail), written in the completion's commit.
    const note = input.note?.trim();
    // Only the action: a refused request's outcome is unchecked text and could hold anything.
    return onTask(
      c,
      user,
      c.req.param('id'),
      'complete',
      (item) => {
        if (!item.role || !user.roles.includes(item.role))
          throw forbidden(`This task belongs to the '${item.role}' role`);
        return {
          type: 'complete',
          step: item.step,
          token: item.token,
          outcome: input.outcome,
          role: item.role,
          actor: user.id,
          data: input.data ?? {},
        };
      },
      note ? { completionNote: { body: note, forNextRole: input.forNextRole === true } } : {},
    );
  });

  docs.add({
    method: 'post',
    path: '/api/tasks/{id}/reassign',
    summary: "Give a task to a person or another role's pool, or change its due date or priority (leads)",
    tag: 'tasks',
    instanceData: true,
    body: ReassignBody,
    idempotent: true,
    responses: {
      200: 'Reassigned',
      403: 'Leads only',
      422: 'The assignee is not an active account holding the task’s role (ASSIGNEE_INVALID), or nobody active holds the new role (ROLE_UNSTAFFED)',
    },
  });
  app.post('/:id/reassign', async (c) => {
    const user = requireUser(c);
    const input = await body(c, ReassignBody);
    if (!isLead(user)) {
      await recordAccess(deps, c, user, {
        instanceId: instanceOfTask(c.req.param('id')),
        category: 'phi',
        outcome: 'deny',
        detail: 'reassign',
      });
      throw forbidden('Only leads reassign tasks');
    }
    await requireStaffedRole(deps.store, input.role);
    return onTask(c, user, c.req.param('id'), 'reassign', async (item) => {
      // Checked on the state the change applies to: the role may have moved since the request was sent.
      requireHoldsRole(await activeAssignee(deps.store, input.assignee), input.role ?? item.role);
      return reassignEvent(item.token, user, input);
    });
  });

  docs.add({
    method: 'post',
    path: '/api/tasks/reassign',
    summary: 'Bulk reassign: every open task of an absent colleague, or a list (leads)',
    tag: 'tasks',
    instanceData: true,
    body: BulkReassignBody,
    responses: {
      200: 'Per-task results',
      422: 'The assignee is not an active account holding the role of every named task, or nobody active holds the new role (ROLE_UNSTAFFED); nothing was moved',
    },
  });
  app.post('/reassign', async (c) => {
    const user = requireUser(c);
    const input = await body(c, BulkReassignBody);
    if (!isLead(user)) {
      await recordAccess(deps, c, user, { category: 'phi', outcome: 'deny', detail: 'bulk reassign' });
      throw forbidden('Only leads reassign tasks');
    }
    let ids = input.taskIds ?? [];
    if (input.from !== undefined) {
      const tasks: Task[] = [];
      let cursor: string | null = null;
      do {
        const page = await deps.store.listTasks({
          scope: 'mine',
          userId: input.from,
          roles: [],
          limit: 500,
          ...(cursor ? { cursor } : {}),
        });
        tasks.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      ids = [...ids, ...tasks.map((t) => t.id)];
    }
    // All or nothing for a bad assignee: checked against every open task before any moves, and again
    // on each task as it changes (its role may have moved meanwhile).
    const person = await activeAssignee(deps.store, input.assignee);
    await requireStaffedRole(deps.store, input.role);
    for (const taskId of ids) {
      const task = await deps.store.getTask(taskId);
      if (task?.status === 'open') requireHoldsRole(person, input.role ?? task.role);
    }
    const results: Array<{ taskId: string; ok: boolean; error?: { code: string; message: string } }> = [];
    for (const taskId of ids) {
      const { instanceId, token } = splitTaskId(taskId);
      try {
        await instances.act(
          { user, role: null },
          instanceId,
          (instance) => {
            const item = openTask(instance, token);
            requireHoldsRole(person, input.role ?? item.role);
            return reassignEvent(item.token, user, input);
          },
          () => null,
        );
        await recordAccess(deps, c, user, {
          instanceId,
          category: 'phi',
          outcome: 'allow',
          detail: 'bulk reassign',
        });
        results.push({ taskId, ok: true });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        results.push({ taskId, ok: false, error: { code: error.code, message: error.message } });
      }
    }
    return c.json({ results, moved: results.filter((r) => r.ok).length });
  });

  return app;
}

function reassignEvent(
  token: string,
  user: AuthUser,
  input: {
    assignee?: string | null | undefined;
    role?: string | undefined;
    due?: string | null | undefined;
    priority?: 'low' | 'normal' | 'high' | 'urgent' | undefined;
    reason?: string | undefined;
  },
): EngineEvent {
  const event: EngineEvent = { type: 'reassign', token, actor: user.id };
  if (input.assignee !== undefined) event.assignee = input.assignee;
  if (input.role !== undefined) event.toRole = input.role;
  if (input.due !== undefined) event.due = input.due;
  if (input.priority !== undefined) event.priority = input.priority;
  if (input.reason !== undefined) event.reason = input.reason;
  if (
    event.assignee === undefined &&
    event.toRole === undefined &&
    event.due === undefined &&
    event.priority === undefined
  ) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'Say what to change: assignee, role, due or priority');
  }
  return event;
}
