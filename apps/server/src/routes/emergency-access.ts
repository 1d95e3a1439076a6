import { EmergencyAccessBody } from '@portalflow/contract';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, has, isAuditor, SystemRole } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body, query } from '../http/validate.ts';

const ListQuery = z.object({ scope: z.enum(['mine', 'all']).default('mine') }).strict();

/** Auditors and admins review every grant; everyone else sees their own. */
const reviewsAll = (user: AuthUser) => isAuditor(user) || has(user, 'admin');

/**
 * Break-glass: a holder of the `break-glass` role asks, with a reason, for read access to instances
 * outside their roles for a limited time. The grant, the reason and every read it allowed are in
 * the access log, flagged for the auditors' report.
 */
export function emergencyAccessRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  docs.add({
    method: 'post',
    path: '/api/emergency-access',
    summary:
      'Break glass: read access to every instance for a limited time, with a reason (break-glass role)',
    tag: 'emergency-access',
    body: EmergencyAccessBody,
    instanceData: false,
    responses: { 201: 'Granted', 403: 'Not a break-glass role holder', 409: 'A grant is already in force' },
  });
  app.post('/', async (c) => {
    const user = requireUser(c);
    const input = await body(c, EmergencyAccessBody);
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

  docs.add({
    method: 'get',
    path: '/api/emergency-access',
    summary: 'Break-glass grants: your own, or everyone’s for auditors and admins (`scope=all`)',
    tag: 'emergency-access',
    query: ListQuery,
    instanceData: false,
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    const { scope } = query(c, ListQuery);
    if (scope === 'all' && !reviewsAll(user)) throw forbidden('Only auditors and admins review every grant');
    const grants = await deps.store.listEmergencyAccess(scope === 'all' ? {} : { userId: user.id });
    return c.json({ active: user.emergency ?? null, grants });
  });

  docs.add({
    method: 'post',
    path: '/api/emergency-access/{id}/end',
    summary: 'End your break-glass grant early',
    tag: 'emergency-access',
    instanceData: false,
    responses: { 200: 'Ended', 404: 'No such grant of yours in force' },
  });
  app.post('/:id/end', async (c) => {
    const user = requireUser(c);
    const ended = await deps.store.endEmergencyAccess({
      id: c.req.param('id'),
      userId: user.id,
      at: deps.clock(),
    });
    if (!ended) throw notFound('An emergency access grant of yours in force');
    await recordAccess(deps, c, user, {
      category: 'emergency-access',
      outcome: 'allow',
      detail: 'ended',
      emergencyAccessId: c.req.param('id'),
    });
    return c.json({ ok: true });
  });

  return app;
}
