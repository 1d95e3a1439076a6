import {
  bulkReassign,
  claimTask,
  completeTask,
  getTask,
  handOffTask,
  listTasks,
  reassignTask,
  releaseTask,
  type TaskActionAnswer,
  taskColleagues,
} from '@portalflow/contract';
import { dataFields, requestSubject } from '@portalflow/engine';
import type { Context } from 'hono';
import { openTasksHeldBy } from '../accounts/held-tasks.ts';
import { roleTitles } from '../accounts/known-roles.ts';
import { roleTitlesIn } from '../audit/role-titles.ts';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, canAct, clinicRoles, isAuditor, isLead } from '../auth/roles.ts';
import { clinicToday } from '../clinic/today.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { canSeeTask } from '../instances/access.ts';
import { activeAssignee, requireHoldsRole, requireStaffedRole } from '../instances/assignee.ts';
import type { InstanceCommand } from '../instances/commands.ts';
import { movedAway, movedAwayMessage } from '../instances/moved-away.ts';
import { playsEveryRole, standsInFor } from '../instances/practice-stand-in.ts';
import { taskReply } from '../instances/replies.ts';
import { type ChangeOptions, historyWarningHeader, type InstanceService } from '../instances/service.ts';
import { instanceView } from '../instances/view.ts';
import { notesForYou } from '../notes/for-you.ts';
import { noteViews } from '../notes/view.ts';
import { listedDetail, withFileCounts, withLabels } from '../requests/subjects.ts';
import { draftMarks, withDraftMarks } from '../task-drafts/marks.ts';
import { TaskDraftService } from '../task-drafts/service.ts';

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

type TaskCommand = Extract<InstanceCommand, { token: string }>;

/** How far back My work's Done folder reaches. */
const DONE_WINDOW_MS = 7 * 86_400_000;

export function taskRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();
  const drafts = new TaskDraftService(deps, instances);

  /** Runs one task command: authorize, one service call, map the result (and log the access). */
  async function onTask(
    c: Context<AppEnv>,
    user: AuthUser,
    instanceId: string,
    command: TaskCommand,
    extra: Pick<ChangeOptions, 'completionNote' | 'handoffNote'> = {},
  ) {
    const detail = command.type;
    const deny = () => recordAccess(deps, c, user, { instanceId, category: 'phi', outcome: 'deny', detail });
    if (!canAct(user)) {
      await deny();
      throw forbidden('Auditors read but do not act');
    }
    try {
      const applied = await instances.act({ user, role: null }, instanceId, command, {
        idempotency: idempotencyOf(c),
        reply: { kind: 'task', token: command.token },
        // Logged in the change's own commit: one group commit per request.
        access: accessEntry(deps, c, user, { category: 'phi', outcome: 'allow', detail }),
        ...extra,
      });
      if (applied.replayed) {
        await recordAccess(deps, c, user, {
          instanceId,
          category: 'phi',
          outcome: 'allow',
          detail: `${detail} (replayed)`,
        });
        return c.json(applied.replayed.response as TaskActionAnswer, 200);
      }
      if (applied.historyWarning)
        c.header('Portalflow-Warning', historyWarningHeader(applied.historyWarning));
      return c.json(taskReply(applied, command.token), 200);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) await deny();
      throw error;
    }
  }

  /** My work's Done folder: what this person completed in the last week, newest first, filtered here. */
  async function completedBy(
    user: AuthUser,
    q: { practice?: string; definitionId?: string; limit?: number },
  ) {
    const since = new Date(Date.parse(deps.clock()) - DONE_WINDOW_MS).toISOString();
    const done = await deps.store.listCompletedBy({
      userId: user.id,
      since,
      practice: q.practice === 'true',
      ...(q.limit ? { limit: q.limit } : {}),
    });
    const labelled = await withLabels(
      deps,
      instances,
      done.filter((t) => !q.definitionId || t.definitionId === q.definitionId),
    );
    return { items: labelled, nextCursor: null };
  }

  app.openapi(declared(docs, listTasks), async (c) => {
    const user = requireUser(c);
    const q = c.req.valid('query');
    const everyone = isLead(user) || isAuditor(user);
    const mine = clinicRoles(user);
    if ((q.scope === 'all' || (q.role && !mine.includes(q.role))) && !everyone) {
      await recordAccess(deps, c, user, { category: 'task-list', outcome: 'deny', detail: q.scope });
      throw forbidden(
        q.scope === 'all'
          ? 'Only leads and auditors see every task'
          : `You do not hold the role ${(await roleTitles(deps))([q.role ?? ''])}`,
      );
    }
    const roles = q.role ? [q.role] : q.scope === 'all' ? await instances.allRoles() : mine;
    const filter: Parameters<typeof deps.store.listTasks>[0] = {
      scope: q.scope === 'done' ? 'mine' : q.scope,
      userId: user.id,
      roles,
      practice: q.practice === 'true',
    };
    // The practice pool holds the steps of the person's own practice runs in every role: they play them.
    if (q.practice === 'true') filter.practiceRunsOf = user.id;
    if (q.definitionId) filter.definitionId = q.definitionId;
    if (q.dueBefore) filter.dueBefore = new Date(q.dueBefore).toISOString();
    if (q.status) filter.status = q.status;
    if (q.limit) filter.limit = q.limit;
    if (q.cursor) filter.cursor = q.cursor;
    const page =
      q.scope === 'done'
        ? await completedBy(user, q)
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
    return c.json(
      { ...page, items: await withDraftMarks(deps, await withFileCounts(deps, page.items)) },
      200,
    );
  });

  app.openapi(declared(docs, getTask), async (c) => {
    const user = requireUser(c);
    const task = await deps.store.getTask(c.req.valid('param').id);
    if (!task) throw notFound('The task');
    const { instance, definition } = await instances.load(task.instanceId);
    if (!canSeeTask(user, task) && !playsEveryRole(user, instance)) {
      await recordAccess(deps, c, user, { instanceId: task.instanceId, category: 'phi', outcome: 'deny' });
      // Theirs until it moved (a deadline escalated it, a lead reassigned it): say what happened.
      const moved = await movedAway(deps, instances, user, task);
      if (moved) throw new ApiError(403, 'TASK_MOVED', movedAwayMessage(moved), moved);
      throw forbidden('This task belongs to a role you do not hold');
    }
    // The step id lets the access log say which task was opened ("Opened 'Sort the message' of …").
    await recordAccess(deps, c, user, {
      instanceId: task.instanceId,
      category: 'phi',
      outcome: 'allow',
      detail: `step ${task.step}`,
    });
    const step = definition.steps[task.step];
    const notes = noteViews(await deps.store.listNoteRevisions(instance.id), definition);
    return c.json(
      {
        task,
        subject: requestSubject(definition, instance.snapshot.context.data, clinicToday(deps)),
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
        fields: dataFields(definition),
        // "History so far": notes from every step of the request, not only this task's.
        notes,
        forYou: notesForYou(notes, await deps.store.listInstanceTasks(instance.id), task, user.id).map(
          (n) => n.id,
        ),
        withdrawable: await instances.mayWithdraw(user, instance),
        practiceStandIn: standsInFor(user, instance, task.role),
        draft: (await draftMarks(deps, [task.id])).get(task.id) ?? null,
      },
      200,
    );
  });

  app.openapi(declared(docs, claimTask), async (c) => {
    const user = requireUser(c);
    const { instanceId, token } = splitTaskId(c.req.valid('param').id);
    return onTask(c, user, instanceId, { type: 'claim', token });
  });

  app.openapi(declared(docs, releaseTask), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json') ?? {};
    const { instanceId, token } = splitTaskId(c.req.valid('param').id);
    // The note typed before handing the task back is saved with the release, not lost with it.
    const note = input.note?.trim();
    return onTask(
      c,
      user,
      instanceId,
      { type: 'release', token },
      note ? { handoffNote: { body: note, forNextRole: input.forNextRole === true } } : {},
    );
  });

  app.openapi(declared(docs, taskColleagues), async (c) => {
    const user = requireUser(c);
    const task = await deps.store.getTask(c.req.valid('param').id);
    if (!task) throw notFound('The task');
    // Read like the task itself (names and ids only): whoever may see the task may see who could take it.
    const access = { instanceId: task.instanceId, category: 'phi', detail: 'colleagues' } as const;
    if (!canSeeTask(user, task)) {
      await recordAccess(deps, c, user, { ...access, outcome: 'deny' });
      throw forbidden(`This task is in the '${task.role}' pool`);
    }
    await recordAccess(deps, c, user, { ...access, outcome: 'allow' });
    const colleagues = (await deps.store.listUsers())
      .filter((u) => !u.disabled && u.id !== user.id && u.roles.includes(task.role))
      .map((u) => ({ id: u.id, displayName: u.displayName || u.username, username: u.username }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    return c.json({ colleagues }, 200);
  });

  app.openapi(declared(docs, handOffTask), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const { instanceId, token } = splitTaskId(c.req.valid('param').id);
    // Who they name is checked with the rest, on the state the hand-off applies to (see eventFor).
    const person = await deps.store.getUser(input.to);
    // The note travels with the task: saved in the hand-off's own write, for whoever holds it next.
    return onTask(
      c,
      user,
      instanceId,
      { type: 'hand-off', token, person },
      { handoffNote: { body: input.note, forNextRole: true } },
    );
  });

  app.openapi(declared(docs, completeTask), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const { instanceId, token } = splitTaskId(c.req.valid('param').id);
    if (input.draftSeen !== undefined && canAct(user))
      try {
        await drafts.requireSeen(user, c.req.valid('param').id, input.draftSeen);
      } catch (error) {
        // Refused with the draft's answers in it: a read of them, logged as one.
        await recordAccess(deps, c, user, {
          instanceId,
          category: 'phi',
          outcome: 'allow',
          detail: 'complete: unseen draft',
        });
        throw error;
      }
    // The note belongs to the request (its notes, editable with a trail), written in the completion's commit.
    const note = input.note?.trim();
    // The access log names only the action: a refused request's outcome is unchecked text.
    return onTask(
      c,
      user,
      instanceId,
      { type: 'complete', token, outcome: input.outcome, data: input.data ?? {} },
      note ? { completionNote: { body: note, forNextRole: input.forNextRole === true } } : {},
    );
  });

  app.openapi(declared(docs, reassignTask), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    if (!isLead(user)) {
      await recordAccess(deps, c, user, {
        instanceId: instanceOfTask(c.req.valid('param').id),
        category: 'phi',
        outcome: 'deny',
        detail: 'reassign',
      });
      throw forbidden('Only leads reassign tasks');
    }
    await requireStaffedRole(deps.store, input.role, () => roleTitles(deps));
    const { instanceId, token } = splitTaskId(c.req.valid('param').id);
    const person = await activeAssignee(deps.store, input.assignee);
    return onTask(c, user, instanceId, { type: 'reassign', token, person, ...input });
  });

  app.openapi(declared(docs, bulkReassign), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    if (!isLead(user)) {
      await recordAccess(deps, c, user, { category: 'phi', outcome: 'deny', detail: 'bulk reassign' });
      throw forbidden('Only leads reassign tasks');
    }
    let ids = input.taskIds ?? [];
    if (input.from !== undefined)
      ids = [...ids, ...(await openTasksHeldBy(deps.store, input.from)).map((t) => t.id)];
    // All or nothing for a bad assignee: checked against every open task before any moves, and again
    // on each task as it changes (its role may have moved meanwhile).
    const person = await activeAssignee(deps.store, input.assignee);
    await requireStaffedRole(deps.store, input.role, () => roleTitles(deps));
    for (const taskId of ids) {
      const task = await deps.store.getTask(taskId);
      const role = input.role ?? task?.role;
      if (task?.status !== 'open' || !person || !role || person.roles.includes(role)) continue;
      // Refused: said with the role as the task's workflow names it.
      const { definition } = await instances.load(task.instanceId);
      requireHoldsRole(person, role, (r) => roleTitlesIn(definition)(r));
    }
    const results: Array<{ taskId: string; ok: boolean; error?: { code: string; message: string } }> = [];
    for (const taskId of ids) {
      const { instanceId, token } = splitTaskId(taskId);
      try {
        await instances.act({ user, role: null }, instanceId, {
          type: 'reassign',
          token,
          person,
          assignee: input.assignee,
          role: input.role,
          reason: input.reason,
        });
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
    return c.json({ results, moved: results.filter((r) => r.ok).length }, 200);
  });

  return app;
}
