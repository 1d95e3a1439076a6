import type { Migration } from './migration.ts';

/** Each person chooses whether an email tells them a request they were working on was cancelled (on by default). */
export const cancelledEmail: Migration = {
  version: 23,
  name: 'cancelled-email',
  statements: [
    'ALTER TABLE email_preferences ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 1 CHECK (cancelled IN (0, 1))',
  ],
};
