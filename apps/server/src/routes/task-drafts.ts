import { getTaskDraft, saveTaskDraft } from '@portalflow/contract';
import type { Context } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import type { InstanceService } from '../instances/service.ts';
import { TaskDraftService } from '../task-drafts/service.ts';

/**
 * `GET` and `PUT /api/tasks/{id}/draft`: what the task's holder typed and has not sent, kept on the
 * server (never in the browser's storage or the address). Every read and write is access-logged,
 * refusals too.
 */
export function taskDraftRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();
  const drafts = new TaskDraftService(deps, instances);

  /** Runs `work` on the task the caller holds, logging the access whichever way it ends. */
  async function onHeldTask<T>(
    c: Context<AppEnv>,
    user: AuthUser,
    taskId: string,
    work: (task: Awaited<ReturnType<TaskDraftService['heldTask']>>) => Promise<T>,
  ): Promise<T> {
    const instanceId = taskId.lastIndexOf(':') > 0 ? taskId.slice(0, taskId.lastIndexOf(':')) : null;
    try {
      const result = await work(await drafts.heldTask(user, taskId));
      await recordAccess(deps, c, user, { instanceId, category: 'phi', outcome: 'allow', detail: 'draft' });
      return result;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 409))
        await recordAccess(deps, c, user, { instanceId, category: 'phi', outcome: 'deny', detail: 'draft' });
      throw error;
    }
  }

  app.openapi(declared(docs, getTaskDraft), async (c) => {
    const user = requireUser(c);
    const draft = await onHeldTask(c, user, c.req.valid('param').id, (task) => drafts.read(task));
    return c.json({ draft }, 200);
  });

  app.openapi(declared(docs, saveTaskDraft), async (c) => {
    const user = requireUser(c);
    const body = c.req.valid('json');
    const draft = await onHeldTask(c, user, c.req.valid('param').id, (task) =>
      drafts.save(user, task, {
        baseRevision: body.baseRevision,
        values: body.values,
        note: body.note ?? '',
        forNextRole: body.forNextRole ?? false,
      }),
    );
    return c.json({ draft }, 200);
  });

  return app;
}
