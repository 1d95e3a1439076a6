import {
  type InstanceAnswer,
  listPracticeWaits,
  type PracticeWait,
  playPracticeWait,
} from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import { canAct } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { playsEveryRole } from '../instances/practice-stand-in.ts';
import { practiceWaits } from '../instances/practice-waits.ts';
import { instanceReply } from '../instances/replies.ts';
import { historyWarningHeader, type InstanceService } from '../instances/service.ts';

/** How many of a person's own practice runs still going are looked at (a handful, in practice). */
const RUNS = 100;

/** The waiting steps of a person's own practice runs, and playing one (instances/practice-waits.ts). */
export function practiceWaitRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, listPracticeWaits), async (c) => {
    const user = requireUser(c);
    const items: PracticeWait[] = [];
    if (canAct(user)) {
      const runs = await deps.store.listInstances({
        practice: true,
        status: 'active',
        actor: user.id,
        limit: RUNS,
      });
      for (const run of runs.items) {
        if (run.startedBy !== user.id) continue;
        const { instance, definition } = await instances.load(run.id);
        if (playsEveryRole(user, instance)) items.push(...practiceWaits(instance, definition));
      }
    }
    items.sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0));
    return c.json({ items }, 200);
  });

  app.openapi(declared(docs, playPracticeWait), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const instanceId = c.req.valid('param').id;
    const detail = `played for practice: ${input.answer === 'time' ? 'the time passed' : 'the outside answer'}`;
    const applied = await instances
      .act(
        { user, role: null },
        instanceId,
        { type: 'play-wait', wait: input.token, answer: input.answer },
        {
          idempotency: idempotencyOf(c),
          access: accessEntry(deps, c, user, { category: 'phi', outcome: 'allow', detail }),
        },
      )
      .catch(async (error: unknown) => {
        if (error instanceof ApiError && error.status === 403)
          await recordAccess(deps, c, user, { instanceId, category: 'phi', outcome: 'deny', detail });
        throw error;
      });
    // The allowed access was logged in the change's own commit; a replayed request is logged here.
    if (applied.replayed) {
      await recordAccess(deps, c, user, {
        instanceId,
        category: 'phi',
        outcome: 'allow',
        detail: `${detail} (replayed)`,
      });
      return c.json(applied.replayed.response as InstanceAnswer, 200);
    }
    if (applied.historyWarning) c.header('Portalflow-Warning', historyWarningHeader(applied.historyWarning));
    return c.json(instanceReply(applied), 200);
  });

  return app;
}
