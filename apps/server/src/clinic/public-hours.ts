import { CLINIC_WEEK, type ClinicClosure, type PublicClinicHours } from '@portalflow/contract';
import { baseCalendar, type Deps, type SavedHours, savedOf } from './hours.ts';
import { clinicToday } from './today.ts';

/** The hours in use with their closed days' names: the saved ones, else the configured ones. */
async function currentHours(deps: Deps): Promise<SavedHours> {
  const stored = await deps.store.getClinicCalendar();
  return stored ? (stored.value as SavedHours) : savedOf(baseCalendar(deps), deps.holidayNames);
}

/** Closed days from the clinic's today on, soonest first: within `days` days, at most `max`. */
function ahead(closures: ClinicClosure[], deps: Deps, days: number, max: number): ClinicClosure[] {
  const today = clinicToday(deps);
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return closures.filter((c) => c.date >= today && c.date < until).slice(0, max);
}

/** The hours as patients see them on the public help page: no names of staff, no trail. */
export async function publicHours(deps: Deps): Promise<PublicClinicHours> {
  const saved = await currentHours(deps);
  return {
    timeZone: baseCalendar(deps).timeZone,
    week: CLINIC_WEEK.map(([day]) => ({ day, open: saved.hours[day] ?? [] })),
    closures: ahead(saved.closures, deps, 60, 10),
  };
}

/** The closed days of the coming week, for staff: why a deadline skips a day. */
export async function closuresThisWeek(deps: Deps): Promise<ClinicClosure[]> {
  return ahead((await currentHours(deps)).closures, deps, 7, 7);
}
