import { clinicHours, saveClinicHours } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import { has } from '../auth/roles.ts';
import { clinicHoursView, saveClinicHours as save } from '../clinic/hours.ts';
import type { AppDeps } from '../deps.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { forbidden } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import type { InstanceService } from '../instances/service.ts';

const ONLY_ADMINS = 'Only an admin changes the clinic hours';

/** The clinic's opening hours and closures as admins keep them (everyone reads them in `/api/config`). */
export function clinicHoursRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, clinicHours), async (c) => {
    const user = requireUser(c);
    if (!has(user, 'admin')) throw forbidden(ONLY_ADMINS);
    return c.json(await clinicHoursView(deps), 200);
  });

  app.openapi(declared(docs, saveClinicHours), async (c) => {
    const user = requireUser(c);
    if (!has(user, 'admin')) throw forbidden(ONLY_ADMINS);
    return c.json(await save(deps, instances, user, c.req.valid('json')), 200);
  });

  return app;
}
