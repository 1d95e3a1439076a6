import type { Context } from 'hono';
import { type AuthUser, canAct } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { forbidden } from '../http/errors.ts';
import { canReadInstance } from './access.ts';
import type { InstanceService } from './service.ts';

export interface PermittedUse {
  /** The access-log detail of this use ("notes", "attachment download"). */
  detail: string;
  /** Writing needs acting on the request too (auditors only read); break-glass access reads only. */
  write: boolean;
  /** What a refused person is told: an auditor trying to write, or someone the request is not open to. */
  refusal: { auditor: string; other: string };
}

/**
 * The instance and its definition if the user may use it as asked (by role and object, see
 * `canReadInstance`); a refusal is access-logged (`phi`) and answered 403. For the routes over a
 * request's own records (notes, files) that read or write beside the instance's history.
 */
export async function permittedInstance(
  deps: AppDeps,
  instances: InstanceService,
  c: Context<AppEnv>,
  user: AuthUser,
  id: string,
  use: PermittedUse,
) {
  const loaded = await instances.load(id);
  const allowed =
    (!use.write || canAct(user)) &&
    (await canReadInstance(user, loaded.instance, deps.store, { emergency: !use.write }));
  if (!allowed) {
    await recordAccess(deps, c, user, {
      instanceId: loaded.instance.id,
      category: 'phi',
      outcome: 'deny',
      detail: use.detail,
    });
    throw forbidden(use.write && !canAct(user) ? use.refusal.auditor : use.refusal.other);
  }
  return loaded;
}
