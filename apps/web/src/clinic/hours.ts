import {
  CLINIC_WEEK,
  type ClinicClock,
  type ClinicClosure,
  type ClinicHoursMoved,
  type ClinicHoursView,
  type ClinicWeekday,
  DEFAULT_CLINIC_CLOCK,
} from '@portalflow/contract';
import { clinicClock } from '../shell/clinic.ts';
import { calendarDate, clockTime } from '../shell/time.ts';

export type Weekday = ClinicWeekday;
export type Span = [string, string];
export type WeekHours = Partial<Record<Weekday, Span[]>>;

export const WEEK = CLINIC_WEEK;

/** What the admin is editing: the week's hours, the closed days (sorted by date) and the clock times are written on. */
export interface HoursDraft {
  hours: WeekHours;
  closures: ClinicClosure[];
  clock?: ClinicClock;
}

export const draftOf = (view: Pick<ClinicHoursView, 'hours' | 'closures' | 'clock'>): HoursDraft => ({
  hours: view.hours as WeekHours,
  closures: view.closures,
  clock: view.clock,
});

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const validTime = (time: string) => /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/.test(time);

/** What is wrong with one day's hours, in the words shown under it (on the clinic's clock); null when they are fine. */
export function dayProblem(spans: readonly Span[], clock: ClinicClock = clinicClock()): string | null {
  const time = (hhmm: string) => clockTime(hhmm, clock);
  const span = ([from, to]: Span) => `${time(from)}–${time(to)}`;
  for (const [from, to] of spans) {
    if (!validTime(from) || !validTime(to))
      return `Enter both times, such as ${time('08:00')} and ${time('17:00')}.`;
    if (minutes(from) >= minutes(to)) return `Opening ${time(from)} must be before closing ${time(to)}.`;
  }
  const sorted = [...spans].sort((a, b) => minutes(a[0]) - minutes(b[0]));
  for (let i = 1; i < sorted.length; i++)
    if (minutes(sorted[i]![0]) < minutes(sorted[i - 1]![1]))
      return `${span(sorted[i - 1]!)} and ${span(sorted[i]!)} overlap.`;
  return null;
}

/** Why the draft cannot be saved yet, or null. */
export function draftProblem(draft: HoursDraft): string | null {
  if (!WEEK.some(([day]) => (draft.hours[day]?.length ?? 0) > 0))
    return 'The clinic must be open at least one day a week.';
  for (const [day, name] of WEEK) {
    const problem = dayProblem(draft.hours[day] ?? []);
    if (problem) return `${name}: ${problem}`;
  }
  return null;
}

/** The same hours, closures and clock, whatever order the days' keys are in. */
export function sameDraft(a: HoursDraft, b: HoursDraft): boolean {
  const week = (h: WeekHours) => JSON.stringify(WEEK.map(([d]) => h[d] ?? []));
  const days = (c: ClinicClosure[]) =>
    JSON.stringify(
      [...c]
        .sort((x, y) => (x.date < y.date ? -1 : 1))
        .map((x) => [x.date, x.name ?? '', PATIENT_LANGUAGES.map(([lang]) => x.names?.[lang] ?? '')]),
    );
  const clock = (d: HoursDraft) => d.clock ?? DEFAULT_CLINIC_CLOCK;
  return week(a.hours) === week(b.hours) && days(a.closures) === days(b.closures) && clock(a) === clock(b);
}

/**
 * The other languages of the patients' help page (help/public/strings.ts), in which an admin may name
 * a closed day for patients; the page in a language without a name says "closed" in that language.
 */
export const PATIENT_LANGUAGES = [['es', 'Spanish']] as const;
export type PatientLanguage = (typeof PATIENT_LANGUAGES)[number][0];

/**
 * Adds a closed day or renames one already closed, keeping the list in date order. `name` is the name
 * staff use; `names` the patients' languages' names given now (the others stay as they were).
 */
export function withClosure(
  closures: ClinicClosure[],
  date: string,
  name: string,
  names: Partial<Record<PatientLanguage, string>> = {},
): ClinicClosure[] {
  const before = closures.find((c) => c.date === date);
  // Kept as typed (a space at the end is on its way to the next word); the server trims on save.
  const kept = name.trim() === '' ? '' : name;
  const merged = Object.entries({ ...before?.names, ...names }).filter(([, n]) => n.trim() !== '');
  const next = closures.filter((c) => c.date !== date);
  next.push({
    date,
    ...(kept ? { name: kept } : {}),
    ...(merged.length > 0 ? { names: Object.fromEntries(merged) } : {}),
  });
  return next.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** "Fri, Dec 25" ("Fri, Jan 8, 2027" when not `today`'s year), read as a calendar date (no time zone shift). */
export function dayLabel(date: string, today: string): string {
  return calendarDate(date, { year: date.slice(0, 4) !== today.slice(0, 4) });
}

/** Closed days from `today` on, and how many earlier ones there are (kept, but not in the way). */
export function upcoming(closures: ClinicClosure[], today: string) {
  const ahead = closures.filter((c) => c.date >= today);
  return { ahead, past: closures.length - ahead.length };
}

/**
 * A break in the day: the last opening split around 12:00–13:00 when it spans them, else an empty
 * opening for the admin to fill in (named as missing until they do).
 */
export function withBreak(spans: readonly Span[]): Span[] {
  const last = spans[spans.length - 1];
  if (last && minutes(last[0]) < minutes('12:00') && minutes(last[1]) > minutes('13:00'))
    return [...spans.slice(0, -1), [last[0], '12:00'], ['13:00', last[1]]];
  return [...spans, ['', '']];
}

/** The toast after a save: what happened to the requests open now, in a sentence. */
export function movedText(moved: ClinicHoursMoved | null): string {
  // Said outright: someone who meant to tick "Also apply…" (it starts ticked, so a click unticks it)
  // learns that the open work did not move, instead of finding it still due on the closed day.
  if (moved === null)
    return 'New requests use these hours. The open ones keep their deadlines: “Also apply to the requests open now” was not ticked.';
  const requests = moved.requests === 1 ? '1 open request' : `${moved.requests} open requests`;
  const deadlines = moved.deadlines === 1 ? '1 deadline moved' : `${moved.deadlines} deadlines moved`;
  const failed = moved.failed > 0 ? ` ${moved.failed} could not be changed and keep their hours.` : '';
  return moved.requests === 0 && moved.failed === 0
    ? 'New requests use these hours; the open ones already did.'
    : `New requests and ${requests} now use these hours; ${deadlines}.${failed}`;
}

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** What the confirmation says applying the saved hours would do to the requests open now. */
export function applyPreviewText(preview: { requests: number; deadlines: number }): string {
  if (preview.requests === 0) return 'Every open request already uses the current hours: nothing would move.';
  const requests = count(preview.requests, 'open request', 'open requests');
  if (preview.deadlines === 0)
    return `${requests} would change to the current hours. No open task's deadline would move; their later steps would count in these hours.`;
  const deadlines = count(preview.deadlines, "open task's deadline", "open tasks' deadlines");
  return `${deadlines} would move (${requests} still on earlier hours). Each request's history will show the change.`;
}

/** The toast after applying the saved hours to the requests open now. */
export function appliedText(moved: ClinicHoursMoved): string {
  const failed =
    moved.failed > 0 ? ` ${count(moved.failed, 'request', 'requests')} could not be changed.` : '';
  if (moved.requests === 0)
    return `Every open request already used the current hours; nothing moved.${failed}`;
  const deadlines = count(moved.deadlines, 'deadline moved', 'deadlines moved');
  return `${count(moved.requests, 'open request now uses', 'open requests now use')} the current hours; ${deadlines}.${failed}`;
}
