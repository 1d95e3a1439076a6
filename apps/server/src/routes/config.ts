import { clinicConfig, DEFAULT_CLINIC_CLOCK, signInPage } from '@portalflow/contract';
import { parseCalendar } from '@portalflow/engine';
import { requireUser } from '../auth/authenticate.ts';
import { closuresThisWeek } from '../clinic/public-hours.ts';
import type { AppDeps } from '../deps.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { clinicTimeZone } from '../tracking/period.ts';

/**
 * `GET /api/config`: the clinic as the web app needs it — its name, time zone and calendar — so the
 * browser formats times and simulates deadlines in the clinic's own configuration, never a built-in one.
 */
export function configRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  app.openapi(declared(docs, clinicConfig), async (c) => {
    requireUser(c);
    return c.json(
      {
        clinic: { name: deps.clinicName ?? 'Clinic' },
        timeZone: clinicTimeZone(deps.calendar),
        clock: deps.clinicClock ?? DEFAULT_CLINIC_CLOCK,
        calendar: deps.calendar === undefined ? null : parseCalendar(deps.calendar),
        closures: await closuresThisWeek(deps),
        attachmentMaxBytes: deps.config.attachmentMaxBytes,
      },
      200,
    );
  });
  // Before sign-in: nothing about a person, so open to anyone (the public help page names the clinic too).
  app.openapi(declared(docs, signInPage), (c) =>
    c.json({ clinic: { name: deps.clinicName ?? 'Clinic' }, demo: deps.demo === true }, 200),
  );
  return app;
}
