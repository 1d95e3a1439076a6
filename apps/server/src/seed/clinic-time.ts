import { addBusinessDuration, type Calendar, clinicDay, nextOpening } from '@portalflow/engine';

const MINUTE_MS = 60_000;
/** Further back than any demo story reaches, even across a long holiday closure. */
const SEARCH_DAYS = 30;

/**
 * The latest minute from which `minutes` of clinic time end at or before `now`: the demo counts its
 * stories back from now in open hours, so whatever day and hour it starts, they end before it.
 */
export function businessMinutesBefore(now: string, minutes: number, calendar: Calendar): string {
  const nowMs = Date.parse(now);
  const endsBy = (ms: number) =>
    Date.parse(addBusinessDuration(new Date(ms).toISOString(), `PT${minutes}M`, calendar)) <= nowMs;
  // Ending no later than now only gets truer further back, so halve the range to the minute.
  let early = Math.floor((nowMs - SEARCH_DAYS * 86_400_000) / MINUTE_MS);
  let late = Math.floor(nowMs / MINUTE_MS);
  if (!endsBy(early * MINUTE_MS)) return new Date(early * MINUTE_MS).toISOString();
  while (late - early > 1) {
    const mid = Math.floor((early + late) / 2);
    if (endsBy(mid * MINUTE_MS)) early = mid;
    else late = mid;
  }
  return new Date(early * MINUTE_MS).toISOString();
}

/** When the clinic opened on the (open) day of `at`: the hour it opened, not `at` itself. */
export function openingOfDay(at: string, calendar: Calendar): string {
  const atMs = Date.parse(at);
  const day = clinicDay(at, calendar);
  let opening = nextOpening(at, calendar);
  // An hour back at a time: the opening is reached once a step lands before it, on the same day.
  for (let hours = 1; hours <= 24; hours++) {
    const earlier = nextOpening(new Date(atMs - hours * 3_600_000).toISOString(), calendar);
    if (clinicDay(earlier, calendar) === day && Date.parse(earlier) < Date.parse(opening)) opening = earlier;
  }
  return opening;
}
