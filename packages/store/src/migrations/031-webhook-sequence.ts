import type { Migration } from './migration.ts';

/**
 * Webhook sequence numbers: each subscription numbers its deliveries 1, 2, 3… in the order their events
 * were committed, so a receiver can tell order after retries. The number is the row's, kept across
 * retries. A new row takes its subscription's highest number plus one inside the committing
 * transaction (the index finds that highest number at once, and being unique it refuses a second row
 * with a number already taken). Rows already written are numbered here in the order they were made.
 */
export const webhookSequence: Migration = {
  version: 31,
  name: 'webhook-sequence',
  statements: [
    'ALTER TABLE outbox ADD COLUMN sequence INTEGER',
    `UPDATE outbox SET sequence = (
       SELECT n FROM (
         SELECT id, ROW_NUMBER() OVER (PARTITION BY target ORDER BY created_at, id) AS n
           FROM outbox WHERE channel = 'webhook'
       ) numbered WHERE numbered.id = outbox.id)
     WHERE channel = 'webhook'`,
    `CREATE UNIQUE INDEX outbox_webhook_sequence ON outbox (target, sequence) WHERE channel = 'webhook'`,
  ],
};
