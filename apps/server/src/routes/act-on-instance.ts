import type { Context } from 'hono';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { ApiError } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { InstanceCommand } from '../instances/commands.ts';
import type { Applied, InstanceService } from '../instances/service.ts';

/**
 * A request-level action (a signal, a cancellation, a wait ended early) taken through the service. Who
 * may take it depends on the request's state, so the service decides on the state it commits to: the
 * allowed access is logged in the change's own commit, a refusal and a replayed request here.
 */
export async function actOnInstance(
  deps: AppDeps,
  instances: InstanceService,
  c: Context<AppEnv>,
  user: AuthUser,
  instanceId: string,
  command: InstanceCommand,
  detail: string,
): Promise<Applied> {
  const applied = await instances
    .act({ user, role: null }, instanceId, command, {
      idempotency: idempotencyOf(c),
      access: accessEntry(deps, c, user, { category: 'phi', outcome: 'allow', detail }),
    })
    .catch(async (error: unknown) => {
      if (error instanceof ApiError && error.status === 403)
        await recordAccess(deps, c, user, { instanceId, category: 'phi', outcome: 'deny', detail });
      throw error;
    });
  if (applied.replayed)
    await recordAccess(deps, c, user, {
      instanceId: applied.instance.id,
      category: 'phi',
      outcome: 'allow',
      detail: `${detail} (replayed)`,
    });
  return applied;
}
