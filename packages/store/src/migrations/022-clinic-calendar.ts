import type { Migration } from './migration.ts';

/**
 * The clinic's opening hours and closures as the admins keep them in the app (one row, with a
 * revision so two admins saving at once cannot overwrite each other), and the append-only trail of
 * every saved version: who, when, why, before and after.
 */
export const clinicCalendar: Migration = {
  version: 22,
  name: 'clinic-calendar',
  statements: [
    `CREATE TABLE clinic_calendar (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      calendar TEXT NOT NULL,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      updated_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE clinic_calendar_changes (
      revision INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      reason TEXT,
      old_value TEXT,
      new_value TEXT NOT NULL
    ) STRICT`,
    `CREATE TRIGGER clinic_calendar_changes_no_update BEFORE UPDATE ON clinic_calendar_changes
      BEGIN SELECT RAISE(ABORT, 'clinic_calendar_changes is append-only'); END`,
    `CREATE TRIGGER clinic_calendar_changes_no_delete BEFORE DELETE ON clinic_calendar_changes
      BEGIN SELECT RAISE(ABORT, 'clinic_calendar_changes is append-only'); END`,
  ],
};
