import { randomUUID } from 'node:crypto';

export interface ServerConfig {
  /** Names this process in timer leases and logs. */
  processId: string;
  /** `__Host-` cookies with `Secure`: on in production (behind TLS). */
  secureCookies: boolean;
  /** A session ends after this long without a request… */
  sessionIdleMs: number;
  /** …and after this long in any case. */
  sessionAbsoluteMs: number;
  /** Largest request body accepted. */
  bodyLimitBytes: number;
  /** How often the timer worker looks for due deadlines. */
  timerPollMs: number;
  timerLeaseMs: number;
  /** Requests per client per window on the unauthenticated public help routes. */
  publicRateLimit: { limit: number; windowMs: number };
  /** How often the change feed is read for changes made by other processes. */
  livePollMs: number;
  /** How long change-feed entries are kept for clients resuming with Last-Event-ID. */
  liveRetentionMs: number;
  /** Where the built web app lives, if it is served by this process. */
  webRoot?: string;
  /** An instance's history this long gets a warning on every change (response header and log)… */
  historyWarnAt: number;
  /** …and past this many events only `cancel` is accepted (409 HISTORY_LIMIT). */
  historyLimit: number;
  /** Largest event payload (canonical JSON, bytes) one change may record (413 PAYLOAD_TOO_LARGE). */
  eventPayloadLimitBytes: number;
  /** Signed checkpoints of every history; off when null. */
  checkpoints: CheckpointConfig | null;
}

export interface CheckpointConfig {
  /** Directory of checkpoint files (append-only), kept apart from the database. */
  dir: string;
  /** Ed25519 private key (PEM); generated with mode 0600 on first use when missing. */
  keyFile: string;
  /** How often one is written; 0 = only on demand. */
  intervalMs: number;
}

export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    processId: `pf-${process.pid}-${randomUUID().slice(0, 8)}`,
    secureCookies: process.env.NODE_ENV === 'production',
    sessionIdleMs: 30 * 60_000,
    sessionAbsoluteMs: 12 * 3600_000,
    bodyLimitBytes: 1024 * 1024,
    timerPollMs: 1000,
    timerLeaseMs: 30_000,
    publicRateLimit: { limit: 120, windowMs: 60_000 },
    livePollMs: 100,
    liveRetentionMs: 15 * 60_000,
    historyWarnAt: 10_000,
    historyLimit: 50_000,
    eventPayloadLimitBytes: 256 * 1024,
    checkpoints: null,
    ...overrides,
  };
}
