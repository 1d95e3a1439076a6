/** Minutes since local midnight of `at` in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a person's quiet hours (`HH:MM`–`HH:MM` in the clinic's time zone, overnight allowed) end, if
 * `now` falls inside them; null when mail may go now. Equal start and end means no quiet hours.
 */
export function quietUntil(
  now: string,
  start: string | null,
  end: string | null,
  timeZone: string,
): string | null {
  if (!start || !end || start === end) return null;
  const at = new Date(now);
  const m = localMinutes(at, timeZone);
  const s = minutesOf(start);
  const e = minutesOf(end);
  const inside = s < e ? m >= s && m < e : m >= s || m < e;
  if (!inside) return null;
  const wait = (e - m + 1440) % 1440;
  // To the start of the end minute (seconds of the current minute dropped).
  const until = at.getTime() + wait * 60_000 - (at.getTime() % 60_000);
  return new Date(until).toISOString();
}

/** The local calendar date (`YYYY-MM-DD`) and time (`HH:MM`) of `now` in `timeZone`. */
export function localDateTime(now: string, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}
