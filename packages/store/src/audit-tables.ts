/**
 * The audit tables: what happened, who did it, who read what, who signed off. Each refuses UPDATE and
 * DELETE in the database itself (`<table>_no_update`, `<table>_no_delete` triggers), so neither a bug
 * nor a stray SQL statement can rewrite or thin out the record. This list is the one place that says
 * which tables those are; a test checks every entry against the triggers in a migrated database, and
 * that no other table carries such triggers unlisted.
 *
 * Not audit tables, on purpose: `change_feed` (live-update delivery: ids only, no patient data, pruned
 * once every process has read it), `idempotency` (replay records, purged after a day), and the
 * projections and working state (`instances`, `instance_actors`, `tasks`, `timers`, `notifications`,
 * drafts, sessions, devices, `migration_results` — a rerun of a migration plan updates them; the
 * instance's own history records every move).
 */
export interface AuditTable {
  table: string;
  /** What it records. */
  records: string;
  /**
   * The one UPDATE the product makes, if any; the trigger refuses every other. (An emergency-access grant
   * is ended once, early, by its holder; its reason and times are never rewritten.)
   */
  allowedUpdate?: { column: string; from: 'null' };
}

export const AUDIT_TABLES: readonly AuditTable[] = [
  { table: 'events', records: 'the hash-chained history of every instance' },
  { table: 'definition_versions', records: 'every published version of a workflow, as instances ran it' },
  { table: 'access_log', records: 'every read or change of instance data and every sign-in step' },
  { table: 'tracking_entry_audit', records: 'the hash-chained trail of manual tracking entries' },
  { table: 'job_approvals', records: "leadership sign-offs of a role's job description" },
  { table: 'refresher_acknowledgements', records: 'who acknowledged what changed in their role, when' },
  { table: 'help_entry_changes', records: 'every edit, publication and deletion of a help entry' },
  { table: 'account_changes', records: 'every change to an account by an admin, old → new' },
  { table: 'sso_mapping_changes', records: 'every edit of the sign-on group → role mapping, old → new' },
  { table: 'intake_key_changes', records: 'who created and revoked each intake (webhook) key, when' },
  {
    table: 'clinic_calendar_changes',
    records: 'every save of the clinic hours and closed days, who and why, old → new',
  },
  { table: 'request_notes', records: 'notes and comments on a request; an edit is a new revision' },
  {
    table: 'request_attachments',
    records: 'files attached to a request: who, when, on which step, their hash',
  },
  {
    table: 'request_attachment_removals',
    records: 'files taken off a request (attached by mistake), who and why',
  },
  {
    table: 'emergency_access',
    records: 'break-glass grants with their reason',
    allowedUpdate: { column: 'ended_at', from: 'null' },
  },
];
