import { readFileSync } from 'node:fs';
import type { Store } from '@portalflow/store';

/**
 * The clinic's time zone as the server would use it: PORTALFLOW_TIME_ZONE, else the calendar saved in
 * the app, else the PORTALFLOW_CALENDAR file's; null when none is known (the times are then UTC, and
 * the output says so).
 */
export async function clinicZone(store: Store): Promise<string | null> {
  const valid = (zone: unknown): string | null => {
    if (typeof zone !== 'string' || zone === '') return null;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return zone;
    } catch {
      return null;
    }
  };
  const fromEnv = valid(process.env.PORTALFLOW_TIME_ZONE);
  if (fromEnv) return fromEnv;
  const saved = await store.getClinicCalendar();
  const fromApp = valid((saved?.value as { timeZone?: unknown } | null)?.timeZone);
  if (fromApp) return fromApp;
  const file = process.env.PORTALFLOW_CALENDAR;
  if (!file) return null;
  try {
    return valid((JSON.parse(readFileSync(file, 'utf8')) as { timeZone?: unknown }).timeZone);
  } catch {
    return null;
  }
}
