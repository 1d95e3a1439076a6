import type { BrowserContext } from 'playwright-core';

/**
 * The browser tests at another hour of the clinic's day: `PORTALFLOW_E2E_AT=2026-12-08T00:30:00Z` runs
 * the server's clock and every browser's from that instant on (time keeps flowing), so what depends on
 * the hour — due today or tomorrow, open or closed, a 12-hour time's width — is tried at that hour too,
 * not only at whatever hour the suite happens to run.
 */
const at = process.env.PORTALFLOW_E2E_AT;
const offsetMs = at ? Date.parse(at) - Date.now() : 0;
if (at && Number.isNaN(offsetMs)) throw new Error(`PORTALFLOW_E2E_AT is not an instant: ${at}`);

/** Now, as the server and the browsers see it (authenticator codes are computed for this instant). */
export const testNow = (): number => Date.now() + offsetMs;

/** The server's clock, shifted when a test hour is set (undefined: the wall clock). */
export const shiftedClock = (): (() => string) | undefined =>
  offsetMs === 0 ? undefined : () => new Date(Date.now() + offsetMs).toISOString();

/**
 * Starts the browser's clock at the same shifted instant (or at `at`), when one is set, time running on.
 * Only the date the page reads moves (`Date`, and `Intl` formatting "now"); its timers, animation frames
 * and `performance.now()` stay the browser's own. Playwright's `clock.install` fakes those too and holds
 * them to stricter rules than a browser's (cancelling an animation frame by a timer's id throws, where a
 * browser ignores it), so a screen that works in every browser broke only when the suite ran at
 * another hour. A test that drives the page's timers still installs that clock itself, at `testNow()`.
 */
export async function shiftBrowserClock(context: BrowserContext, at?: number): Promise<void> {
  const offset = at === undefined ? offsetMs : at - Date.now();
  if (offset !== 0) await context.addInitScript(shiftPageDate, offset);
}

/** Runs in the page before its own scripts: now, as `Date` and `Intl` read it, is `offset` ms later. */
function shiftPageDate(offset: number): void {
  const NativeDate = Date;
  // Once a test installs Playwright's clock it keeps the page's time, built on this Date: unshifted
  // here, or its catching up after a navigation would add the offset a second time.
  const now = () => NativeDate.now() + ('__pwClock' in globalThis ? 0 : offset);
  const ShiftedDate = function (this: unknown, ...args: unknown[]) {
    if (!new.target) return new NativeDate(now()).toString();
    return Reflect.construct(NativeDate, args.length === 0 ? [now()] : args, new.target);
  } as unknown as DateConstructor;
  for (const key of ['parse', 'UTC'] as const)
    Object.defineProperty(ShiftedDate, key, { value: NativeDate[key], writable: true, configurable: true });
  Object.defineProperty(ShiftedDate, 'now', { value: now, writable: true, configurable: true });
  Object.defineProperty(ShiftedDate, 'prototype', { value: NativeDate.prototype });
  globalThis.Date = ShiftedDate;

  const formats = Intl.DateTimeFormat.prototype;
  const format = Object.getOwnPropertyDescriptor(formats, 'format')!.get!;
  const formatToParts = formats.formatToParts;
  Object.defineProperty(formats, 'format', {
    get(this: Intl.DateTimeFormat) {
      const bound = format.call(this) as (date?: Date | number) => string;
      return (date?: Date | number) => bound(date === undefined ? now() : date);
    },
    configurable: true,
  });
  Object.defineProperty(formats, 'formatToParts', {
    value(this: Intl.DateTimeFormat, date?: Date | number) {
      return formatToParts.call(this, date === undefined ? now() : date);
    },
    writable: true,
    configurable: true,
  });
}

/** A front-office computer whose clock is years ahead: `openBrowser({ at: CLOCK_YEARS_AHEAD })`. */
export const CLOCK_YEARS_AHEAD = Date.parse('2031-06-02T12:00:00Z');
