// A row's sentence lives with the contract: the access log's screen and its export say the same.
export { type AccessWords, accessText, listedRequests, requestName } from '@portalflow/contract';

/**
 * A row standing for repeated reads: "5 times, Today 2:14:05 PM – 2:19:40 PM" (the day said once when
 * both are on it). `format` writes one time as the report does.
 */
export function repeatsText(
  repeats: { count: number; firstAt: string; lastAt: string },
  format: (iso: string) => string,
): string {
  const first = format(repeats.firstAt);
  const last = format(repeats.lastAt);
  if (first === last) return `${repeats.count} times at ${first}`;
  const day = /^(.*?)\d{1,2}:\d{2}/.exec(first)?.[1] ?? '';
  const lastTime = day !== '' && last.startsWith(day) ? last.slice(day.length) : last;
  return `${repeats.count} times, ${first} – ${lastTime}`;
}
