import {
  CLINIC_WEEK,
  type ClinicClock,
  type ClinicClosure,
  DEFAULT_CLINIC_CLOCK,
} from '@portalflow/contract';
import type { Calendar } from '@portalflow/engine';
import { clockTime, dateInYear } from '@portalflow/engine/text';

const DAYS = CLINIC_WEEK;

interface Hours {
  hours: Calendar['hours'];
  closures: ClinicClosure[];
  clock?: ClinicClock;
}

/** "12-hour (2:30 PM)": the style with an example, as the admin chose it. */
const clockText = (clock: ClinicClock) => (clock === '24-hour' ? '24-hour (14:30)' : '12-hour (2:30 PM)');

/** How the trail is written: on the clinic's clock now, with dates against the clinic's today. */
export interface TrailWords {
  clock: ClinicClock;
  /** `YYYY-MM-DD` on the clinic's calendar: a date of another year is written with its year. */
  today: string;
}

/**
 * What one save changed, in the words an admin reads in the trail: each weekday whose hours moved
 * ("Friday: 8:00 AM–5:00 PM → 8:00 AM–12:00 PM"), each closure added, removed or renamed ("Closed
 * Fri, Jan 8 (Snow day)"), and the clock times are written on. Written when read, so the whole trail
 * follows the clinic's clock and date style as every screen does. The first save is described against
 * nothing saved. A save that also moved the open requests says so.
 */
export function describeHoursChange(
  before: Hours | null,
  after: Hours,
  words: TrailWords,
  movedOpenRequests = false,
): string[] {
  const lines = changedLines(before, after, words);
  // An apply on its own keeps the hours as they were: what it did is the whole entry.
  if (!movedOpenRequests) return lines.length > 0 ? lines : ['No change'];
  return lines.length > 0
    ? [...lines, 'Requests open then moved to these hours']
    : ['Applied to the requests open then'];
}

/** Languages a closure is named in on the patients' help page, by tag, as an admin reads them. */
const LANGUAGE_NAMES: Record<string, string> = { es: 'Spanish' };

/** "Thu, Dec 17 in Spanish: no name → Capacitación del personal", for each language whose name changed. */
function renamedIn(old: ClinicClosure, now: ClinicClosure, date: string): string[] {
  const langs = [...new Set([...Object.keys(old.names ?? {}), ...Object.keys(now.names ?? {})])].sort();
  return langs
    .filter((lang) => (old.names?.[lang] ?? '') !== (now.names?.[lang] ?? ''))
    .map(
      (lang) =>
        `${date} in ${LANGUAGE_NAMES[lang] ?? lang}: ${old.names?.[lang] || 'no name'} → ${now.names?.[lang] || 'no name'}`,
    );
}

function changedLines(before: Hours | null, after: Hours, words: TrailWords): string[] {
  const spans = (day: Array<[string, string]> | undefined) =>
    day && day.length > 0
      ? day.map(([from, to]) => `${clockTime(from, words.clock)}–${clockTime(to, words.clock)}`).join(', ')
      : 'closed';
  // The weekday too, because closures are planned by the week.
  const dateText = (date: string) => dateInYear(date, words.today);
  const closureText = (c: ClinicClosure) => `${dateText(c.date)}${c.name ? ` (${c.name})` : ''}`;
  if (before === null) {
    const open = DAYS.filter(([key]) => (after.hours[key]?.length ?? 0) > 0)
      .map(([key, name]) => `${name} ${spans(after.hours[key])}`)
      .join('; ');
    return [
      `Hours kept in portalflow from now on: ${open}`,
      ...(after.closures.length > 0 ? [`${after.closures.length} closed days`] : []),
    ];
  }
  const lines: string[] = [];
  for (const [key, name] of DAYS) {
    const old = spans(before.hours[key]);
    const now = spans(after.hours[key]);
    if (old !== now) lines.push(`${name}: ${old} → ${now}`);
  }
  const oldByDate = new Map(before.closures.map((c) => [c.date, c]));
  const newByDate = new Map(after.closures.map((c) => [c.date, c]));
  for (const c of after.closures) {
    const old = oldByDate.get(c.date);
    if (!old) lines.push(`Closed ${closureText(c)}`);
    else if ((old.name ?? '') !== (c.name ?? ''))
      lines.push(`${dateText(c.date)} renamed: ${old.name ?? 'no name'} → ${c.name ?? 'no name'}`);
    if (old) lines.push(...renamedIn(old, c, dateText(c.date)));
  }
  for (const c of before.closures) if (!newByDate.has(c.date)) lines.push(`Open again ${closureText(c)}`);
  const oldClock = before.clock ?? DEFAULT_CLINIC_CLOCK;
  const newClock = after.clock ?? DEFAULT_CLINIC_CLOCK;
  if (oldClock !== newClock) lines.push(`Clock: ${clockText(oldClock)} → ${clockText(newClock)}`);
  return lines;
}
