import { formatDateTime } from '../shell/time.ts';

/**
 * Why the two-factor setup page shows after an admin reset it, so the person is not left to wonder:
 * when, as every screen writes a date and time ("Sun, Dec 6, 8:30 PM", on the clinic's clock).
 */
export const twoFactorResetText = (at: string, now = Date.now()): string =>
  `An admin reset your two-factor sign-in on ${formatDateTime(at, now)}. Set it up again to continue.`;
