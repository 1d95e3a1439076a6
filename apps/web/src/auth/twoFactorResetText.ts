import { type ClockOptions, formatDateTime } from '../shell/time.ts';

/**
 * Why the two-factor setup page shows after an admin reset it, so the person is not left to wonder:
 * when, as every screen writes a date and time ("Sun, Dec 6, 8:30 PM", on the clinic's clock). The
 * page comes before the clinic's configuration may be read, so `/api/me` sends the clinic's zone and
 * clock with the reset (`clinicTime`).
 */
export const twoFactorResetText = (at: string, now = Date.now(), clinicTime: ClockOptions = {}): string =>
  `An admin reset your two-factor sign-in on ${formatDateTime(at, now, clinicTime)}. Set it up again to continue.`;
