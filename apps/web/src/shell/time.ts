import { clinicTimeZone } from './clinic.ts';

/** Times in the clinic's time zone, with the day name for anything within a week. */
export function formatWhen(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  const withinWeek = Math.abs(ms - now) < 6 * 86_400_000;
  return new Intl.DateTimeFormat('en-US', {
    timeZone: clinicTimeZone(),
    ...(withinWeek ? { weekday: 'short' } : { month: 'short', day: 'numeric', year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(ms));
}

/** "due in 2 h", "overdue 1 d", "due in 15 min". */
export function dueLabel(due: string | null, now = Date.now()): { text: string; overdue: boolean } | null {
  if (!due) return null;
  const diff = Date.parse(due) - now;
  const abs = Math.abs(diff);
  const amount =
    abs >= 86_400_000
      ? `${Math.round(abs / 86_400_000)} d`
      : abs >= 3_600_000
        ? `${Math.round(abs / 3_600_000)} h`
        : `${Math.max(1, Math.round(abs / 60_000))} min`;
  return diff < 0
    ? { text: `overdue ${amount}`, overdue: true }
    : { text: `due in ${amount}`, overdue: false };
}
