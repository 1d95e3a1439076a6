import {
  CLINIC_WEEK,
  type ClinicClock,
  type ClinicClosure,
  DEFAULT_CLINIC_CLOCK,
} from '@portalflow/contract';
import type { Calendar } from '@portalflow/engine';

const DAYS = CLINIC_WEEK;
const SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface Hours {
  hours: Calendar['hours'];
  closures: ClinicClosure[];
  clock?: ClinicClock;
}

/** "12-hour (2:30 PM)": the style with an example, as the admin chose it. */
const clockText = (clock: ClinicClock) => (clock === '24-hour' ? '24-hour (14:30)' : '12-hour (2:30 PM)');

const spans = (day: Array<[string, string]> | undefined) =>
  day && day.length > 0 ? day.map(([from, to]) => `${from}–${to}`).join(', ') : 'closed';

/** `Fri 2027-01-08 (Snow day)`: the weekday, because closures are planned by the week. */
function closureText(c: ClinicClosure): string {
  const [y, m, d] = c.date.split('-').map(Number);
  const weekday = SHORT[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()];
  return `${weekday} ${c.date}${c.name ? ` (${c.name})` : ''}`;
}

/**
 * What one save changed, in the words an admin reads in the trail: each weekday whose hours moved,
 * each closure added, removed or renamed, and the clock times are written on. The first save is described against nothing saved.
 */
export function describeHoursChange(before: Hours | null, after: Hours): string[] {
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
      lines.push(`${c.date} renamed: ${old.name ?? 'no name'} → ${c.name ?? 'no name'}`);
  }
  for (const c of before.closures) if (!newByDate.has(c.date)) lines.push(`Open again ${closureText(c)}`);
  const oldClock = before.clock ?? DEFAULT_CLINIC_CLOCK;
  const newClock = after.clock ?? DEFAULT_CLINIC_CLOCK;
  if (oldClock !== newClock) lines.push(`Clock: ${clockText(oldClock)} → ${clockText(newClock)}`);
  return lines.length > 0 ? lines : ['No change'];
}
