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

/** Starts the browser's clock at the same shifted instant, when one is set. */
export async function shiftBrowserClock(context: BrowserContext): Promise<void> {
  if (offsetMs !== 0) await context.clock.install({ time: Date.now() + offsetMs });
}
