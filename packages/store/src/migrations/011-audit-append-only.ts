import type { Migration } from './migration.ts';

const refuse = (table: string, change: 'update' | 'delete', what: string, when = '') =>
  `CREATE TRIGGER ${table}_no_${change} BEFORE ${change.toUpperCase()} ON ${table}${when}
    BEGIN SELECT RAISE(ABORT, '${what}'); END`;

/**
 * Every audit table refuses UPDATE and DELETE (see `AUDIT_TABLES`). Before this, the access log refused
 * only UPDATE (a purge "under the retention policy" was allowed, and nothing ever purged), the help
 * edit history and refresher acknowledgements had no guard, and an emergency-access grant could be
 * deleted or its end rewritten. Retention is the deployment's: archive the database file; never thin it.
 */
export const auditAppendOnly: Migration = {
  version: 11,
  name: 'audit-append-only',
  statements: [
    refuse('access_log', 'delete', 'the access log is append-only'),

    refuse('help_entry_changes', 'update', 'the help edit history is append-only'),
    refuse('help_entry_changes', 'delete', 'the help edit history is append-only'),

    refuse('refresher_acknowledgements', 'update', 'acknowledgements are kept as given'),
    refuse('refresher_acknowledgements', 'delete', 'acknowledgements are kept as given'),

    // A grant is ended once (ended_at from NULL to a time) and otherwise never rewritten.
    'DROP TRIGGER emergency_access_reason_fixed',
    refuse(
      'emergency_access',
      'update',
      'an emergency access grant is never rewritten; it is only ended, once',
      ` WHEN NOT (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL
        AND NEW.id IS OLD.id AND NEW.user_id IS OLD.user_id AND NEW.reason IS OLD.reason
        AND NEW.granted_at IS OLD.granted_at AND NEW.expires_at IS OLD.expires_at)`,
    ),
    refuse('emergency_access', 'delete', 'an emergency access grant is never deleted'),
  ],
};
