import { clinicDay, parseCalendar } from '@portalflow/engine';
import type { AppDeps } from '../deps.ts';

/**
 * The clinic's date now (`YYYY-MM-DD`), in the time zone of the calendar new instances get: what
 * "today" means to a date answer given at start. Completions read it from the instance's own
 * calendar inside the engine.
 */
export function clinicToday(deps: Pick<AppDeps, 'clock' | 'calendar'>): string {
  return clinicDay(deps.clock(), deps.calendar === undefined ? undefined : parseCalendar(deps.calendar));
}
