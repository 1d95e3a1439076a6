import type { ClinicClock } from '@portalflow/contract';
import type { Store } from '@portalflow/store';
import type { AuthUser } from './auth/roles.ts';
import type { ServerConfig } from './config.ts';
import type { LiveHub } from './live/hub.ts';

/** Everything the app needs from outside; tests pass their own clock and store. */
export interface AppDeps {
  store: Store;
  config: ServerConfig;
  live: LiveHub;
  /** Current time as an ISO string. The only clock the server reads. */
  clock: () => string;
  /** The clinic calendar recorded with each new instance, for business-day deadlines. */
  calendar?: unknown;
  /** What staff call the configured calendar's closed days, by date (hours saved in the app carry their own). */
  holidayNames?: Record<string, string>;
  /** Their names in the patients' other help languages, by language then date ("es" → "Navidad"). */
  holidayNamesIn?: Record<string, Record<string, string>>;
  /** How every screen writes clock times ("2:30 PM" or "14:30"), as saved with the clinic hours; 12-hour until then. */
  clinicClock?: ClinicClock;
  /** The clinic's name, shown in the web app (`GET /api/config`). */
  clinicName?: string;
  /** Started with `--demo`: the sign-in page says how to print the demo's authenticator codes. */
  demo?: boolean;
  /** Operational log lines: never patient data. */
  log: (line: string) => void;
}

export type AppEnv = {
  Variables: {
    user: AuthUser | null;
  };
};
