import { endEmergencyAccess, listEmergencyAccess, requestEmergencyAccess } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, has, isAuditor, SystemRole } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';

/** Auditors and admins review every grant; everyone else sees their own. */
const reviewsAll = (user: AuthUser) => isAuditor(user) || has(user, 'admin');

/**
 * Break-glass: a holder of the `break-glass` role asks, with a reason, for read access to instances
 * outside their roles for a limited time. The grant, the reason and every read it allowed are in
 * the access log, flagged for the auditors' report.
 */
export function emergencyAccessRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, requestEmergencyAccess), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    if (!has(user, SystemRole.breakGlass)) {
      await recordAccess(deps, c, user, { category: 'emergency-access', outcome: 'deny', detail: 'request' });
      throw forbidden('Only holders of the break-glass role can request emergency access');
    }
    if (user.emergency)
      throw new ApiError(409, 'ALREADY_GRANTED', 'You already have emergency access in force', {
        grant: user.emergency,
      });
    const at = deps.clock();
    const ms = Math.min(
      input.minutes === undefined ? deps.config.emergencyAccessDefaultMs : input.minutes * 60_000,
      deps.config.emergencyAccessMaxMs,
    );
    const grant = await deps.store.grantEmergencyAccess({
      userId: user.id,
      reason: input.reason,
      at,
      expiresAt: new Date(Date.parse(at) + ms).toISOString(),
    });
    await recordAccess(deps, c, user, {
      category: 'emergency-access',
      outcome: 'allow',
      detail: `granted until ${grant.expiresAt}`,
      emergencyAccessId: grant.id,
    });
    deps.log('emergency access granted');
    return c.json({ grant }, 201);
  });

  app.openapi(declared(docs, listEmergencyAccess), async (c) => {
    const user = requireUser(c);
    const { scope } = c.req.valid('query');
    if (scope === 'all' && !reviewsAll(user)) throw forbidden('Only auditors and admins review every grant');
    const grants = await deps.store.listEmergencyAccess(scope === 'all' ? {} : { userId: user.id });
    return c.json({ active: user.emergency ?? null, grants }, 200);
  });

  app.openapi(declared(docs, endEmergencyAccess), async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid('param');
    const ended = await deps.store.endEmergencyAccess({
      id,
      userId: user.id,
      at: deps.clock(),
    });
    if (!ended) throw notFound('An emergency access grant of yours in force');
    await recordAccess(deps, c, user, {
      category: 'emergency-access',
      outcome: 'allow',
      detail: 'ended',
      emergencyAccessId: id,
    });
    return c.json({ ok: true as const }, 200);
  });

  return app;
}
