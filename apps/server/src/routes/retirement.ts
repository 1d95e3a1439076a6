import { bringBackDefinition, deleteDefinition, listRunning, retireDefinition } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, isAuditor, isLead } from '../auth/roles.ts';
import { retirement } from '../definitions/retirement.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { forbidden } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';

function requireLead(user: AuthUser): void {
  if (!isLead(user)) throw forbidden('Only leads and admins delete, retire or bring back workflows');
}

/** Deleting a scratch draft, retiring a published workflow and bringing it back; each is in the access log. */
export function retirementRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, deleteDefinition), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const { id } = c.req.valid('param');
    await retirement.deleteDraft(deps, id);
    await recordAccess(deps, c, user, {
      category: 'definition',
      outcome: 'allow',
      detail: `deleted draft ${id}`,
    });
    return c.json({ deleted: id }, 200);
  });

  app.openapi(declared(docs, retireDefinition), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const { id } = c.req.valid('param');
    const retired = await retirement.retire(deps, id, user.id);
    await recordAccess(deps, c, user, { category: 'definition', outcome: 'allow', detail: `retired ${id}` });
    return c.json(retired, 200);
  });

  app.openapi(declared(docs, bringBackDefinition), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const { id } = c.req.valid('param');
    const broughtBack = await retirement.bringBack(deps, id);
    await recordAccess(deps, c, user, {
      category: 'definition',
      outcome: 'allow',
      detail: `brought back ${id}`,
    });
    return c.json({ definitionId: id, broughtBack }, 200);
  });

  app.openapi(declared(docs, listRunning), async (c) => {
    const user = requireUser(c);
    if (!isLead(user) && !isAuditor(user)) throw forbidden();
    return c.json({ versions: await retirement.running(deps, c.req.valid('param').id) }, 200);
  });

  return app;
}
