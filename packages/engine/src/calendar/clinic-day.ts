import { DEFAULT_CALENDAR } from './business.ts';
import { msToCivil, parseInstant } from './civil.ts';
import type { Calendar } from './types.ts';
import { toWall } from './zone.ts';

/**
 * The date (`YYYY-MM-DD`) it is at the clinic at an instant: what "today" means for a date answer.
 * At 23:30 in New York it is still today there, though already tomorrow in UTC.
 */
export function clinicDay(at: string, calendar: Calendar = DEFAULT_CALENDAR): string {
  const { year, month, day } = msToCivil(toWall(parseInstant(at), calendar.timeZone));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
