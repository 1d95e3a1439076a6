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
