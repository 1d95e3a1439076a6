import { addTaskComment, listTaskComments, type NoteView, type TaskComment } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import { canAct } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { actingRole, canSeeTask } from '../instances/access.ts';
import type { InstanceService } from '../instances/service.ts';
import { noteViews } from '../notes/view.ts';
import { requestClosed } from './notes.ts';

/**
 * Comments written from a task: notes on the request with the task's step, so every later role reads
 * them too. The older per-task shape is kept for callers of these routes.
 */
export function taskCommentRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, listTaskComments), async (c) => {
    const user = requireUser(c);
    const task = await deps.store.getTask(c.req.valid('param').id);
    if (!task) throw notFound('The task');
    if (!canSeeTask(user, task)) {
      await recordAccess(deps, c, user, {
        instanceId: task.instanceId,
        category: 'phi',
        outcome: 'deny',
        detail: 'comments',
      });
      throw forbidden();
    }
    await recordAccess(deps, c, user, {
      instanceId: task.instanceId,
      category: 'phi',
      outcome: 'allow',
      detail: 'comments',
    });
    const notes = (await deps.store.listNoteRevisions(task.instanceId)).filter((n) => n.taskId === task.id);
    const { definition } = await instances.load(task.instanceId);
    return c.json({ comments: noteViews(notes, definition).map(asComment) }, 200);
  });

  app.openapi(declared(docs, addTaskComment), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const task = await deps.store.getTask(c.req.valid('param').id);
    if (!task) throw notFound('The task');
    if (!canAct(user) || !canSeeTask(user, task, { emergency: false })) {
      await recordAccess(deps, c, user, {
        instanceId: task.instanceId,
        category: 'phi',
        outcome: 'deny',
        detail: 'comment',
      });
      throw forbidden();
    }
    // A closed task is part of the record: it is read, not added to.
    if (task.status !== 'open')
      throw new ApiError(
        409,
        'TASK_CLOSED',
        'This task is closed; its comments can be read but not added to',
      );
    const { instance, definition } = await instances.load(task.instanceId);
    if (instance.status !== 'active') throw requestClosed();
    const added = await deps.store.addNote(instance.id, {
      kind: 'comment',
      taskToken: task.id.slice(instance.id.length + 1),
      step: task.step,
      authorId: user.id,
      authorRole: user.roles.includes(task.role) ? task.role : actingRole(user, definition),
      at: deps.clock(),
      body: input.body,
    });
    if (!added) throw notFound('The task');
    const comment = asComment(noteViews([added], definition)[0]!);
    await recordAccess(deps, c, user, {
      instanceId: task.instanceId,
      category: 'phi',
      outcome: 'allow',
      detail: 'comment',
    });
    return c.json({ comment }, 201);
  });

  return app;
}

/** A note in the older per-task comment shape. */
const asComment = (n: NoteView): TaskComment => ({
  id: n.id,
  taskId: n.taskId,
  instanceId: n.instanceId,
  userId: n.authorId,
  at: n.at,
  body: n.body,
});
