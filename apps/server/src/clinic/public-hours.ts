import { CLINIC_WEEK, type ClinicClosure, type PublicClinicHours } from '@portalflow/contract';
import { baseCalendar, clockOf, type Deps, type SavedHours, savedOf } from './hours.ts';
import { clinicToday } from './today.ts';

/** The hours in use with their closed days' names: the saved ones, else the configured ones. */
async function currentHours(deps: Deps): Promise<SavedHours> {
  const stored = await deps.store.getClinicCalendar();
  return stored
    ? (stored.value as SavedHours)
    : savedOf(baseCalendar(deps), deps.holidayNames, deps.holidayNamesIn);
}

/** Closed days from the clinic's today on, soonest first: within `days` days, at most `max`. */
function ahead(closures: ClinicClosure[], deps: Deps, days: number, max: number): ClinicClosure[] {
  const today = clinicToday(deps);
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return closures.filter((c) => c.date >= today && c.date < until).slice(0, max);
}

/** The language staff name closed days in: the staff app's. */
const STAFF_LANGUAGE = 'en';

type PublicClosure = PublicClinicHours['closures'][number];

/** A closed day named in the page's language where the clinic named it so, else by its one name. */
function named(closure: ClinicClosure, lang: string | undefined): PublicClosure {
  if (lang === undefined)
    return closure.name ? { date: closure.date, name: closure.name } : { date: closure.date };
  const own = closure.names?.[lang];
  if (own) return { date: closure.date, name: own, lang };
  return closure.name
    ? { date: closure.date, name: closure.name, lang: STAFF_LANGUAGE }
    : { date: closure.date };
}

/**
 * The hours as patients see them on the public help page: no names of staff, no trail. Asked in a
 * language (`es`), each closed day says which language its name is in, so the page can tell.
 */
export async function publicHours(deps: Deps, lang?: string): Promise<PublicClinicHours> {
  const saved = await currentHours(deps);
  return {
    timeZone: baseCalendar(deps).timeZone,
    clock: clockOf(saved),
    week: CLINIC_WEEK.map(([day]) => ({ day, open: saved.hours[day] ?? [] })),
    closures: ahead(saved.closures, deps, 60, 10).map((c) => named(c, lang)),
  };
}

/** The closed days of the coming week, for staff: why a deadline skips a day. */
export async function closuresThisWeek(deps: Deps): Promise<ClinicClosure[]> {
  return ahead((await currentHours(deps)).closures, deps, 7, 7).map((c) => named(c, undefined));
}
