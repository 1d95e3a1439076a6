import { findOpenMatches, findRequestStatus, startableRequests, startRequest } from '@portalflow/contract';
import { type Definition, validateIntake } from '@portalflow/engine';
import type { Context } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, clinicRoles, isAuditor, isLead } from '../auth/roles.ts';
import { clinicToday } from '../clinic/today.ts';
import type { AppDeps } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { starterRole } from '../instances/access.ts';
import { requestReply } from '../instances/replies.ts';
import { type InstanceService, idempotencyKeyReused } from '../instances/service.ts';
import { openMatches } from '../requests/open-matches.ts';
import { canStartRequest, startableFor } from '../requests/startable.ts';
import { requestStatus, STATUS_DAYS } from '../requests/status-lookup.ts';
import { listedDetail } from '../requests/subjects.ts';

/** Starting requests where work begins: the front desk on a call, a coordinator at the fax. */
export function requestRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();
  // A status lookup answers any patient reference: a few a minute answer calls, many sweep patients.
  app.use(
    findRequestStatus.path,
    rateLimit({
      ...deps.config.statusLookupRateLimit,
      nowMs: () => Date.parse(deps.clock()),
      key: (c) => c.get('user')?.id ?? 'anonymous',
    }),
  );

  app.openapi(declared(docs, startableRequests), async (c) => {
    const user = requireUser(c);
    return c.json({ workflows: await startableFor(deps, instances, user) }, 200);
  });

  app.openapi(declared(docs, startRequest), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const idempotency = idempotencyOf(c);
    if (idempotency) {
      const seen = await deps.store.getIdempotency(idempotency.key, user.id);
      if (seen && seen.route !== idempotency.route) throw idempotencyKeyReused();
      if (seen) {
        await recordAccess(deps, c, user, {
          instanceId: (seen.response as { instance?: { id?: string } }).instance?.id ?? null,
          category: 'phi',
          outcome: 'allow',
          detail: 'start request (replayed)',
        });
        return c.json(seen.response as object, seen.status as 201);
      }
    }
    const { version, definition } = await startableDefinition(deps, instances, c, user, input.definitionId);
    const errors = validateIntake(definition, input.data, clinicToday(deps));
    if (errors.length > 0) {
      throw new ApiError(400, 'VALIDATION_FAILED', errors[0]!.message, { fields: errors });
    }
    const role = starterRole(user, definition);
    const applied = await instances.start(
      { user, role },
      {
        definitionId: version.definitionId,
        version: version.version,
        data: input.data,
        calendar: deps.calendar,
      },
      {
        idempotency,
        reply: { kind: 'request' },
        access: accessEntry(deps, c, user, { category: 'phi', outcome: 'allow', detail: 'start request' }),
      },
    );
    if (applied.replayed) {
      await recordAccess(deps, c, user, {
        instanceId: applied.instance.id,
        category: 'phi',
        outcome: 'allow',
        detail: 'start request (replayed)',
      });
      return c.json(applied.replayed.response as object, applied.replayed.status as 201);
    }
    return c.json(requestReply(applied, clinicToday(deps)), 201);
  });

  app.openapi(declared(docs, findOpenMatches), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const { definition } = await startableDefinition(deps, instances, c, user, input.definitionId);
    const matches = await openMatches(deps, instances, user, definition, input.data);
    // Shown to the person starting it: subjects of other requests are patient data, so the read is logged.
    await recordAccess(deps, c, user, {
      category: 'phi',
      outcome: 'allow',
      detail: listedDetail('open matches', matches),
    });
    return c.json({ matches }, 200);
  });

  app.openapi(declared(docs, findRequestStatus), async (c) => {
    const user = requireUser(c);
    const { patient, instanceId, practice } = c.req.valid('json');
    if (clinicRoles(user).length === 0 && !isLead(user) && !isAuditor(user)) {
      await recordAccess(deps, c, user, {
        category: 'instance-list',
        outcome: 'deny',
        detail: 'status lookup',
      });
      throw forbidden('A status lookup needs a clinic role');
    }
    // The body holds one of the two (its schema says so).
    const lookup = instanceId !== undefined ? { instanceId } : { patient: patient ?? '' };
    const requests = await requestStatus(deps, instances, user, lookup, practice === true);
    // The reference searched for is patient data and stays out of the log; the requests shown are named.
    await recordAccess(deps, c, user, {
      category: 'instance-list',
      outcome: 'allow',
      detail: listedDetail(
        instanceId !== undefined ? 'status lookup by request id' : 'status lookup by patient reference',
        requests,
      ),
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ requests, days: STATUS_DAYS }, 200);
  });

  return app;
}

/**
 * The published workflow a request would start, if the caller may start it (404 without a start form,
 * 403 logged for roles the start form does not name).
 */
async function startableDefinition(
  deps: AppDeps,
  instances: InstanceService,
  c: Context,
  user: AuthUser,
  definitionId: string,
): Promise<{ version: { definitionId: string; version: number }; definition: Definition }> {
  const version = await deps.store.getVersion(definitionId);
  const definition = version ? await instances.definition(version.definitionId, version.version) : null;
  if (!version || !definition?.intake) {
    throw new ApiError(404, 'NOT_FOUND', `Workflow '${definitionId}' has no published start form`);
  }
  if (!canStartRequest(user, definition)) {
    await recordAccess(deps, c, user, {
      category: 'phi',
      outcome: 'deny',
      detail: `start request ${definitionId}`,
    });
    throw new ApiError(
      403,
      'REQUEST_START_FORBIDDEN',
      `Your roles may not start '${definition.title}'; ask a lead to add your role to its start form`,
    );
  }
  return { version, definition };
}
