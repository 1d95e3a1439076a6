import type { Migration } from './migration.ts';

/**
 * The outbox: email and webhook messages written in the same commit as the change that causes them,
 * then sent by a delivery worker that leases rows (like the deadline timers). A row's id is stable
 * across retries (the webhook-id, the email's Message-ID), so receivers can de-duplicate. Payloads
 * hold ids and kinds only, never instance data.
 */
export const outbox: Migration = {
  // Number 16 in the full sequence; single sign-on (17) landed first at 14 and 14–15 are not here yet,
  // so it sits at 15, after it, until they land.
  version: 15,
  name: 'outbox',
  statements: [
    `CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
      kind TEXT NOT NULL,
      target TEXT NOT NULL,
      instance_id TEXT,
      task_id TEXT,
      payload TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'skipped')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at TEXT NOT NULL,
      last_error TEXT,
      lease_owner TEXT,
      lease_expires TEXT,
      created_at TEXT NOT NULL,
      delivered_at TEXT
    ) STRICT`,
    `CREATE INDEX outbox_due ON outbox (status, next_at)`,
    `CREATE INDEX outbox_listing ON outbox (channel, status, created_at)`,

    // The secret signs every delivery (HMAC), so it is kept as given; it is shown to the admin once.
    `CREATE TABLE webhook_subscriptions (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      events TEXT NOT NULL,
      secret TEXT NOT NULL,
      created_by TEXT,
      created_at TEXT NOT NULL,
      disabled_at TEXT
    ) STRICT`,

    `CREATE TABLE email_preferences (
      user_id TEXT PRIMARY KEY REFERENCES users (id),
      address TEXT,
      assigned INTEGER NOT NULL DEFAULT 1 CHECK (assigned IN (0, 1)),
      escalated INTEGER NOT NULL DEFAULT 1 CHECK (escalated IN (0, 1)),
      overdue INTEGER NOT NULL DEFAULT 1 CHECK (overdue IN (0, 1)),
      digest INTEGER NOT NULL DEFAULT 1 CHECK (digest IN (0, 1)),
      quiet_start TEXT,
      quiet_end TEXT,
      updated_at TEXT NOT NULL
    ) STRICT`,
  ],
};
