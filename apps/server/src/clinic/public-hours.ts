import { CLINIC_WEEK, type PublicClinicHours } from '@portalflow/contract';
import { baseCalendar, type Deps, type SavedHours, savedOf } from './hours.ts';
import { clinicToday } from './today.ts';

const UPCOMING_DAYS = 60;
const UPCOMING_MAX = 10;

/** The hours as patients see them on the public help page: no names of staff, no trail. */
export async function publicHours(deps: Deps): Promise<PublicClinicHours> {
  const stored = await deps.store.getClinicCalendar();
  const base = baseCalendar(deps);
  const saved = stored ? (stored.value as SavedHours) : savedOf(base, deps.holidayNames);
  const today = clinicToday(deps);
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + UPCOMING_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    timeZone: base.timeZone,
    week: CLINIC_WEEK.map(([day]) => ({ day, open: saved.hours[day] ?? [] })),
    closures: saved.closures.filter((c) => c.date >= today && c.date < until).slice(0, UPCOMING_MAX),
  };
}
