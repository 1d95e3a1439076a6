import { renderSubject, validateIntake } from '@portalflow/engine';
import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { ApiError } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { StartRequestBody } from '../http/schemas.ts';
import { body } from '../http/validate.ts';
import { actingRole } from '../instances/access.ts';
import { type InstanceService, idempotencyKeyReused } from '../instances/service.ts';
import { instanceView } from '../instances/view.ts';
import { canStartRequest, startableFor } from '../requests/startable.ts';

/** Starting requests where work begins: the front desk on a call, a coordinator at the fax. */
export function requestRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  docs.add({
    method: 'get',
    path: '/api/requests/startable',
    summary: 'Workflows I may start from My work, each with its start form',
    tag: 'requests',
    instanceData: false,
  });
  app.get('/startable', async (c) => {
    const user = requireUser(c);
    return c.json({ workflows: await startableFor(deps, instances, user) });
  });

  docs.add({
    method: 'post',
    path: '/api/requests',
    summary: "Start a request with its start form; its first task lands in its role's pool",
    tag: 'requests',
    instanceData: true,
    body: StartRequestBody,
    idempotent: true,
    responses: {
      201: 'Started',
      400: 'A field is missing, of the wrong kind, or not on the start form',
      403: 'Your roles may not start this workflow (REQUEST_START_FORBIDDEN)',
      404: 'No published version, or it has no start form',
    },
  });
  app.post('/', async (c) => {
    const user = requireUser(c);
    const input = await body(c, StartRequestBody);
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
    const version = await deps.store.getVersion(input.definitionId);
    const definition = version ? await instances.definition(version.definitionId, version.version) : null;
    if (!definition?.intake) {
      throw new ApiError(404, 'NOT_FOUND', `Workflow '${input.definitionId}' has no published start form`);
    }
    if (!canStartRequest(user, definition)) {
      await recordAccess(deps, c, user, {
        category: 'phi',
        outcome: 'deny',
        detail: `start request ${input.definitionId}`,
      });
      throw new ApiError(
        403,
        'REQUEST_START_FORBIDDEN',
        `Your roles may not start '${definition.title}'; ask a lead to add your role to its start form`,
      );
    }
    const errors = validateIntake(definition, input.data);
    if (errors.length > 0) {
      throw new ApiError(400, 'VALIDATION_FAILED', errors[0]!.message, { fields: errors });
    }
    const role =
      actingRole(user, definition) ?? user.roles.find((r) => definition.intake?.roles.includes(r)) ?? null;
    const respond = (v: Parameters<Parameters<InstanceService['start']>[2]>[0]) => ({
      instance: instanceView(v.instance, v.definition),
      subject: renderSubject(v.definition.subject, v.instance.snapshot.context.data),
    });
    const applied = await instances.start(
      { user, role },
      {
        definitionId: version!.definitionId,
        version: version!.version,
        data: input.data,
        calendar: deps.calendar,
      },
      respond,
      idempotency,
      {
        access: (id) =>
          accessEntry(deps, c, user, {
            instanceId: id,
            category: 'phi',
            outcome: 'allow',
            detail: 'start request',
          }),
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
    return c.json(respond(applied), 201);
  });

  return app;
}
