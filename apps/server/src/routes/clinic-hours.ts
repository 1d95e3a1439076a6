import { applyClinicHours, clinicHours, openRequestsOffHours, saveClinicHours } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import { isAuditor, isLead } from '../auth/roles.ts';
import { applyClinicHours as apply, openRequestsOffHours as offHours } from '../clinic/apply-hours.ts';
import { clinicHoursView, saveClinicHours as save } from '../clinic/hours.ts';
import type { AppDeps } from '../deps.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { forbidden } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import type { InstanceService } from '../instances/service.ts';

// Leads (operations) and admins: the people who plan the clinic's days and answer for its deadlines.
const ONLY_LEADS = 'Only an operations lead or an admin keeps the clinic hours';

/** The clinic's opening hours and closures as leads and admins keep them (everyone reads them in `/api/config`). */
export function clinicHoursRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, clinicHours), async (c) => {
    const user = requireUser(c);
    // Auditors read them and their trail: a change moves deadlines, so who made it is on the record.
    if (!isLead(user) && !isAuditor(user)) throw forbidden(ONLY_LEADS);
    return c.json(await clinicHoursView(deps), 200);
  });

  app.openapi(declared(docs, saveClinicHours), async (c) => {
    const user = requireUser(c);
    if (!isLead(user)) throw forbidden(ONLY_LEADS);
    return c.json(await save(deps, instances, user, c.req.valid('json')), 200);
  });

  app.openapi(declared(docs, openRequestsOffHours), async (c) => {
    const user = requireUser(c);
    // Whoever keeps the hours (and can move open requests with a save) applies them later too.
    if (!isLead(user)) throw forbidden(ONLY_LEADS);
    return c.json(await offHours(deps, instances, user), 200);
  });

  app.openapi(declared(docs, applyClinicHours), async (c) => {
    const user = requireUser(c);
    if (!isLead(user)) throw forbidden(ONLY_LEADS);
    return c.json(await apply(deps, instances, user, c.req.valid('json')), 200);
  });

  return app;
}
