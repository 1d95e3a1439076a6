import {
  type ClinicClock,
  type ClinicConfig,
  DEFAULT_CLINIC_CLOCK,
  SIGN_IN_ROUTES,
} from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import type { OpenDays } from '../work/workWeek.ts';

/** `GET /api/config`: the clinic as the server is configured (`PORTALFLOW_CALENDAR`, `PORTALFLOW_TIME_ZONE`…). */
export type { ClinicConfig };

/**
 * The configuration last loaded, for the plain formatting functions (`formatWhen`, `dayOf`, …) whose
 * time zone defaults to the clinic's. The signed-in app renders only once it is loaded (`ClinicGate`).
 */
let loaded: ClinicConfig | null = null;

/** Keeps the configuration the server answered with (exported for tests of the formatters). */
export function rememberClinicConfig(config: ClinicConfig | null): void {
  loaded = config;
}

/** The clinic's IANA time zone; UTC until the configuration has loaded. */
export function clinicTimeZone(): string {
  return loaded?.timeZone ?? 'UTC';
}

/**
 * The clinic's open days (weekly hours, holidays and the closed days set on Clinic hours); null
 * without a calendar.
 */
export function clinicOpenDays(): OpenDays | null {
  if (!loaded?.calendar) return null;
  const closed = [...(loaded.calendar.holidays ?? []), ...(loaded.closures ?? []).map((c) => c.date)];
  return { hours: loaded.calendar.hours, holidays: closed };
}

/** How the clinic writes clock times ("2:30 PM" or "14:30"); the 12-hour clock until the configuration says otherwise. */
export function clinicClock(): ClinicClock {
  return loaded?.clock ?? DEFAULT_CLINIC_CLOCK;
}

/**
 * The clinic configuration, fetched at sign-in and again when older than 15 minutes as screens open
 * (the coming week's closed days change when leads save the clinic hours; leads and auditors also
 * hear of a save live).
 */
export function useClinicConfig() {
  return useQuery({
    queryKey: ['config'],
    queryFn: async () => {
      const config = await call(SIGN_IN_ROUTES.clinicConfig, {});
      rememberClinicConfig(config);
      return config;
    },
    staleTime: 15 * 60_000,
  });
}
