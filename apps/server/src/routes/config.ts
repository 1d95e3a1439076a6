import { parseCalendar } from '@portalflow/engine';
import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { clinicTimeZone } from '../tracking/period.ts';

/**
 * `GET /api/config`: the clinic as the web app needs it — its name, time zone and calendar — so the
 * browser formats times and simulates deadlines in the clinic's own configuration, never a built-in one.
 */
export function configRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/config',
    summary: "The clinic's name, time zone and calendar (opening hours and holidays)",
    tag: 'operations',
    responses: { 200: 'The clinic configuration' },
  });
  app.get('/', (c) => {
    requireUser(c);
    return c.json({
      clinic: { name: deps.clinicName ?? 'Clinic' },
      timeZone: clinicTimeZone(deps.calendar),
      calendar: deps.calendar === undefined ? null : parseCalendar(deps.calendar),
    });
  });
  return app;
}
