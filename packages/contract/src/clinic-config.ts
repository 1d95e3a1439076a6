import { CalendarSchema } from '@portalflow/engine';
import { z } from 'zod';
import { errors, json, route } from './route.ts';

/** The clinic as the web app needs it: name, time zone and calendar, from the server's configuration. */
export const ClinicConfig = z.object({
  clinic: z.object({ name: z.string() }),
  /** IANA time zone; UTC when no calendar is configured. */
  timeZone: z.string(),
  calendar: CalendarSchema.nullable(),
});
export type ClinicConfig = z.infer<typeof ClinicConfig>;

export const clinicConfig = route({
  method: 'get',
  path: '/api/config',
  summary: "The clinic's name, time zone and calendar (opening hours and holidays)",
  tags: ['operations'],
  'x-instance-data': false,
  responses: {
    200: json(ClinicConfig, 'The clinic configuration'),
    ...errors({ 401: 'Not signed in (UNAUTHENTICATED)' }),
  },
});
