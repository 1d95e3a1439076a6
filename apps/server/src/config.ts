import { randomUUID } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, MAX_FILES_PER_REQUEST } from '@portalflow/contract';
import { type SsoConfig, ssoConfigFromEnv } from './sso/config.ts';

/** Nightly backups of a file database: where, when (clinic time) and how many to keep. */
export interface BackupSchedule {
  /** Each day's backup is a directory named by its date (clinic time) in here. */
  dir: string;
  /** `HH:MM` in the clinic's time zone. */
  time: string;
  /** Complete backups kept; older ones are deleted after a new one is whole. */
  keep: number;
  /** The database the server opened (a `file:` URL). */
  databaseUrl: string;
}

export interface ServerConfig {
  /** Names this process in timer leases and logs. */
  processId: string;
  /**
   * `__Host-` cookies with `Secure`, and HSTS: on in production (behind TLS), and whenever the public
   * address (`PORTALFLOW_BASE_URL`) is https, so a TLS deployment that forgot NODE_ENV still gets them.
   */
  secureCookies: boolean;
  /** A session ends after this long without a request… */
  sessionIdleMs: number;
  /** …and after this long in any case. */
  sessionAbsoluteMs: number;
  /** How long a half-finished sign-in (password given, code not yet) may wait for its next step. */
  signInStepMs: number;
  /** Accounts holding any of these roles must sign in with a TOTP code; they must enroll first. */
  totpRoles: string[];
  /** How long "remember this device" spares the code on one browser. */
  totpRememberMs: number;
  /** How long a browser stays a known device for its user (known devices bypass the account-wide lockout). */
  deviceMs: number;
  /** Sign-in throttle: failures per account and client before waiting begins… */
  loginFreeFailures: number;
  /** …the first wait, doubled at each further failure… */
  loginBackoffBaseMs: number;
  /** …and never longer than this: a lockout always expires. */
  loginBackoffCapMs: number;
  /** Failures per account from all unknown clients together before they (not known devices) must wait. */
  loginAccountFailures: number;
  /**
   * Failures from one client address across all accounts within `loginClientWindowMs`, before that
   * client (not a known device of the account it signs in to) must wait for the window to pass.
   */
  loginClientFailures: number;
  loginClientWindowMs: number;
  /** Break-glass emergency access lasts this long unless the requester asks for less… */
  emergencyAccessDefaultMs: number;
  /** …and never longer than this. */
  emergencyAccessMaxMs: number;
  /** An API token lasts this long unless its creator asks for less… */
  apiTokenDefaultMs: number;
  /** …and never longer than this. */
  apiTokenMaxMs: number;
  /** A one-time set-password code an admin issues works for this long. */
  setPasswordCodeMs: number;
  /** Trust `X-Forwarded-For` for the client address (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Largest request body accepted. */
  bodyLimitBytes: number;
  /** How often the timer worker looks for due deadlines. */
  timerPollMs: number;
  timerLeaseMs: number;
  /** Requests per client per window on the unauthenticated public help routes. */
  publicRateLimit: { limit: number; windowMs: number };
  /** Status lookups per person per window: answering calls needs a few a minute, enumerating patients many. */
  statusLookupRateLimit: { limit: number; windowMs: number };
  /** How often the change feed is read for changes made by other processes. */
  livePollMs: number;
  /** How long change-feed entries are kept for clients resuming with Last-Event-ID. */
  liveRetentionMs: number;
  /**
   * How often each open live stream re-checks its session or API token the way a request would: a
   * stream ends at most this long after its credential does (at once for changes made in this process).
   */
  liveAuthCheckMs: number;
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
  /** Nightly backups (`PORTALFLOW_BACKUP_DIR`, see backup/schedule.ts); off when null. */
  backups: BackupSchedule | null;
  /**
   * Where help videos are kept, each file named by its SHA-256 (`PORTALFLOW_MEDIA_DIR`; default
   * `media/` beside a file database, else `./data/media`).
   */
  mediaDir: string;
  /** Largest help video accepted (`PORTALFLOW_VIDEO_MAX_MB`, default 50 MB; 413 VIDEO_TOO_LARGE). */
  videoMaxBytes: number;
  /**
   * Where files attached to requests are kept, each named by its SHA-256 (`PORTALFLOW_ATTACHMENTS_DIR`;
   * default `attachments/` beside a file database, else `./data/attachments`). Patient information:
   * back it up and protect it like the database.
   */
  attachmentsDir: string;
  /** Largest attached file (`PORTALFLOW_ATTACHMENT_MAX_MB`, default 10 MB; 413 ATTACHMENT_TOO_LARGE). */
  attachmentMaxBytes: number;
  /**
   * How many files one request holds at most, removed ones not counted (`PORTALFLOW_MAX_FILES_PER_REQUEST`,
   * default 50; 409 TOO_MANY_FILES).
   */
  maxFilesPerRequest: number;
  /** Sign-in through an OpenID Provider (`PORTALFLOW_OIDC_*`); off when null. */
  sso: SsoConfig | null;
  /** Email and webhook delivery (see outbox/). */
  outbox: OutboxConfig;
  /**
   * The key file intake (webhook) secrets are sealed with at rest (`PORTALFLOW_INTAKE_KEY_FILE`; default
   * `intake-key` beside a file database, made with mode 0600 on first use). Null: intake keys cannot be made.
   */
  intakeKeyFile: string | null;
}

export interface OutboxConfig {
  /** `PORTALFLOW_SMTP_URL`, e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@mail.example:465`; no email without it. */
  smtpUrl: string | null;
  /** `PORTALFLOW_MAIL_FROM`: the sender address of every email. */
  mailFrom: string;
  /** `PORTALFLOW_BASE_URL`: where links in emails point (the web app's address). */
  baseUrl: string;
  /** `PORTALFLOW_OUTBOX_MAX_ATTEMPTS`: a message that fails this many times is dead-lettered. */
  maxAttempts: number;
  /** `PORTALFLOW_OUTBOX_BACKOFF_SECONDS`: the first retry waits about this long, doubling each time… */
  backoffBaseMs: number;
  /** …`PORTALFLOW_OUTBOX_BACKOFF_MAX_MINUTES`: …up to this. */
  backoffMaxMs: number;
  /** `PORTALFLOW_WEBHOOK_TIMEOUT_SECONDS`: a receiver that has not answered by then has failed this attempt. */
  webhookTimeoutMs: number;
  /**
   * `PORTALFLOW_WEBHOOK_ALLOW_PRIVATE=1`: webhooks may go to this server and private networks (loopback,
   * link-local such as the cloud metadata address, 10.x, 172.16–31.x, 192.168.x, fc00::/7). Off by
   * default: whoever sets up a subscription must not make the server reach inside the network.
   */
  allowPrivateWebhooks: boolean;
  /** `PORTALFLOW_DIGEST_TIME`: `HH:MM` in the clinic's time zone when the daily digest is written; `off` for none. */
  digestTime: string | null;
  pollMs: number;
  leaseMs: number;
}

/** Outbox settings from the environment; a malformed value stops the start with its name. */
export function outboxConfig(env = process.env): OutboxConfig {
  const digest = env.PORTALFLOW_DIGEST_TIME ?? '07:00';
  if (digest !== 'off' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(digest))
    throw new Error(`PORTALFLOW_DIGEST_TIME must be HH:MM (24-hour) or 'off', not '${digest}'`);
  const smtpUrl = env.PORTALFLOW_SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new Error('PORTALFLOW_SMTP_URL must start with smtp:// or smtps://');
  return {
    smtpUrl,
    mailFrom: env.PORTALFLOW_MAIL_FROM || 'portalflow <portalflow@localhost>',
    baseUrl: (env.PORTALFLOW_BASE_URL || 'http://localhost:3000').replace(/\/+$/, ''),
    maxAttempts: envNumber('PORTALFLOW_OUTBOX_MAX_ATTEMPTS', 8, 1),
    backoffBaseMs: envNumber('PORTALFLOW_OUTBOX_BACKOFF_SECONDS', 30_000, 1000),
    backoffMaxMs: envNumber('PORTALFLOW_OUTBOX_BACKOFF_MAX_MINUTES', 6 * HOUR, MINUTE),
    webhookTimeoutMs: envNumber('PORTALFLOW_WEBHOOK_TIMEOUT_SECONDS', 15_000, 1000),
    allowPrivateWebhooks: env.PORTALFLOW_WEBHOOK_ALLOW_PRIVATE === '1',
    digestTime: digest === 'off' ? null : digest,
    pollMs: 1000,
    leaseMs: 60_000,
  };
}

export interface CheckpointConfig {
  /** Directory of checkpoint files (append-only), kept apart from the database. */
  dir: string;
  /** Ed25519 private key (PEM); generated with mode 0600 on first use when missing. */
  keyFile: string;
  /** How often one is written; 0 = only on demand. */
  intervalMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A positive number from the environment, or the default. */
function envNumber(name: string, fallback: number, unitMs: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not '${raw}'`);
  return value * unitMs;
}

/** A count from the environment (a whole number from 1), or the default; anything else stops the start. */
function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number from 1, not '${raw}'`);
  return value;
}

/**
 * Defaults, overridable by environment variables (documented in SECURITY.md and the server README)
 * and then by `overrides`.
 */
export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const config: ServerConfig = {
    processId: `pf-${process.pid}-${randomUUID().slice(0, 8)}`,
    secureCookies:
      process.env.NODE_ENV === 'production' || /^https:\/\//i.test(process.env.PORTALFLOW_BASE_URL ?? ''),
    sessionIdleMs: envNumber('PORTALFLOW_SESSION_IDLE_MINUTES', 30 * MINUTE, MINUTE),
    sessionAbsoluteMs: envNumber('PORTALFLOW_SESSION_ABSOLUTE_HOURS', 12 * HOUR, HOUR),
    signInStepMs: 10 * MINUTE,
    totpRoles: (process.env.PORTALFLOW_TOTP_ROLES ?? 'admin,designer,auditor,break-glass')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
    totpRememberMs: envNumber('PORTALFLOW_TOTP_REMEMBER_HOURS', 12 * HOUR, HOUR),
    deviceMs: 90 * 24 * HOUR,
    loginFreeFailures: 5,
    loginBackoffBaseMs: 30_000,
    loginBackoffCapMs: 15 * MINUTE,
    loginAccountFailures: 20,
    loginClientFailures: 30,
    loginClientWindowMs: 10 * MINUTE,
    emergencyAccessDefaultMs: envNumber('PORTALFLOW_EMERGENCY_ACCESS_MINUTES', 60 * MINUTE, MINUTE),
    emergencyAccessMaxMs: 4 * HOUR,
    apiTokenDefaultMs: envNumber('PORTALFLOW_API_TOKEN_DAYS', 30 * DAY, DAY),
    apiTokenMaxMs: envNumber('PORTALFLOW_API_TOKEN_MAX_DAYS', 90 * DAY, DAY),
    setPasswordCodeMs: envNumber('PORTALFLOW_SET_PASSWORD_CODE_HOURS', 72 * HOUR, HOUR),
    trustProxy: process.env.PORTALFLOW_TRUST_PROXY === '1',
    bodyLimitBytes: 1024 * 1024,
    timerPollMs: 1000,
    timerLeaseMs: 30_000,
    publicRateLimit: { limit: 120, windowMs: 60_000 },
    statusLookupRateLimit: { limit: 30, windowMs: 60_000 },
    livePollMs: 100,
    liveRetentionMs: 15 * 60_000,
    liveAuthCheckMs: envNumber('PORTALFLOW_LIVE_AUTH_CHECK_SECONDS', 5000, 1000),
    historyWarnAt: 10_000,
    historyLimit: 50_000,
    eventPayloadLimitBytes: 256 * 1024,
    checkpoints: null,
    backups: null,
    mediaDir: process.env.PORTALFLOW_MEDIA_DIR ?? './data/media',
    videoMaxBytes: envNumber('PORTALFLOW_VIDEO_MAX_MB', 50 * 1024 * 1024, 1024 * 1024),
    attachmentsDir: process.env.PORTALFLOW_ATTACHMENTS_DIR ?? './data/attachments',
    attachmentMaxBytes: envNumber('PORTALFLOW_ATTACHMENT_MAX_MB', ATTACHMENT_MAX_BYTES, 1024 * 1024),
    maxFilesPerRequest: envCount('PORTALFLOW_MAX_FILES_PER_REQUEST', MAX_FILES_PER_REQUEST),
    sso: overrides.sso === undefined ? ssoConfigFromEnv() : null,
    outbox: outboxConfig(),
    intakeKeyFile: process.env.PORTALFLOW_INTAKE_KEY_FILE ?? null,
    // The built web app served beside the API: `apps/web/dist` unless set (a build kept elsewhere).
    ...(process.env.PORTALFLOW_WEB_ROOT ? { webRoot: process.env.PORTALFLOW_WEB_ROOT } : {}),
    ...overrides,
  };
  if (config.apiTokenDefaultMs > config.apiTokenMaxMs)
    throw new Error(
      'PORTALFLOW_API_TOKEN_DAYS (the default token lifetime) must not exceed PORTALFLOW_API_TOKEN_MAX_DAYS',
    );
  return config;
}
