import type { Migration } from './migration.ts';

/**
 * Whether a save of the clinic hours also put the requests open then on them: ticked with the save,
 * or applied later on its own (a revision whose hours are unchanged). The trail says so, and the
 * revision check that keeps two saves apart keeps two admins from applying the same hours twice.
 * Saves before this version are recorded as not having moved them (the trail cannot tell).
 */
export const hoursApplied: Migration = {
  version: 27,
  name: 'hours-applied',
  statements: [
    `ALTER TABLE clinic_calendar_changes ADD COLUMN moved_open_requests INTEGER NOT NULL DEFAULT 0
      CHECK (moved_open_requests IN (0, 1))`,
  ],
};
