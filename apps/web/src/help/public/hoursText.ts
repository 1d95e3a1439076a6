import { type ClinicClock, DEFAULT_CLINIC_CLOCK, type PublicClinicHours } from '@portalflow/contract';

type Week = PublicClinicHours['week'];

/** 2024-01-01 was a Monday: a fixed week to ask `Intl` for day names in any language. */
const dayName = (index: number, lang: string) =>
  new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + index)),
  );

/**
 * `08:00` on the clinic's clock in the page's language: "8:00 AM", "8:00 a. m.", or "08:00" on the
 * 24-hour clock (as the staff screens write it). A wall-clock time, never shifted by a time zone.
 */
export function timeText(time: string, lang: string, clock: ClinicClock = DEFAULT_CLINIC_CLOCK): string {
  const [h, m] = time.split(':').map(Number);
  return new Intl.DateTimeFormat(lang, {
    hour: clock === '24-hour' ? '2-digit' : 'numeric',
    minute: '2-digit',
    hourCycle: clock === '24-hour' ? 'h23' : 'h12',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2024, 0, 1, h === 24 ? 0 : h, m)));
}

/**
 * The week in as few lines as a patient needs: days in a row with the same hours share a line,
 * "Mon–Fri: 8:00 AM – 5:00 PM", "Sat–Sun: Closed".
 */
export function weekLines(
  week: Week,
  lang: string,
  closed: string,
  clock: ClinicClock = DEFAULT_CLINIC_CLOCK,
): string[] {
  const hoursOf = (open: Week[number]['open']) =>
    open.length === 0
      ? closed
      : open.map(([a, b]) => `${timeText(a, lang, clock)} – ${timeText(b, lang, clock)}`).join(', ');
  const lines: string[] = [];
  let start = 0;
  for (let i = 1; i <= week.length; i++) {
    if (i < week.length && hoursOf(week[i]!.open) === hoursOf(week[start]!.open)) continue;
    const days = i - 1 === start ? dayName(start, lang) : `${dayName(start, lang)}–${dayName(i - 1, lang)}`;
    lines.push(`${days}: ${hoursOf(week[start]!.open)}`);
    start = i;
  }
  return lines;
}

/**
 * "Thursday, December 24: Christmas Day", written out as the page's other dates (the date is a calendar
 * date: no time zone shift). A name in the page's language is shown ("jueves, 24 de diciembre: Navidad"); a page in another language than the name's (staff name
 * closed days in English) gives its own word instead (`closedDay`). A closure that does not say its
 * name's language (asked without one) is taken as named in English.
 */
export function closureText(
  closure: PublicClinicHours['closures'][number],
  lang: string,
  closedDay: string | null = null,
): string {
  const [y, m, d] = closure.date.split('-').map(Number);
  const date = new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, m! - 1, d!)));
  const inPageLanguage = (closure.lang ?? 'en') === lang;
  const name = closure.name && inPageLanguage ? closure.name : (closedDay ?? closure.name);
  return name ? `${date}: ${name}` : date;
}

const offsetNow = (timeZone: string | undefined) =>
  new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')?.value;

/**
 * The clinic's zone by name in the page's language ("Mountain Time", "hora de las Montañas Rocosas")
 * when this phone's clock is set to another offset now, so a patient in another state or abroad
 * knows whose "8:00 AM" it is; null on a phone in step with the clinic (nothing to say).
 */
export function zoneNote(timeZone: string, lang: string): string | null {
  try {
    if (offsetNow(timeZone) === offsetNow(undefined)) return null;
    return (
      new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: 'longGeneric' })
        .formatToParts(new Date())
        .find((p) => p.type === 'timeZoneName')?.value ?? null
    );
  } catch {
    // A zone this browser does not know: the hours stand on their own.
    return null;
  }
}
