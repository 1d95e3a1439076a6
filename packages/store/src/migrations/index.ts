import { core } from './001-core.ts';
import { accounts } from './002-accounts.ts';
import { collaboration } from './003-collaboration.ts';
import { roleSignOff } from './004-role-sign-off.ts';
import { tracking } from './005-tracking.ts';
import { helpCenter } from './006-help-center.ts';
import { instanceMigrations } from './007-instance-migrations.ts';
import { changeFeed } from './008-change-feed.ts';
import { securityHardening } from './009-security-hardening.ts';
import { apiTokenLifetime } from './010-api-token-lifetime.ts';
import { auditAppendOnly } from './011-audit-append-only.ts';
import { accountAdministration } from './012-account-administration.ts';
import { helpVideos } from './013-help-videos.ts';
import { singleSignOn } from './014-single-sign-on.ts';
import { outbox } from './015-outbox.ts';
import { intake } from './016-intake.ts';
import { requestNotes } from './017-request-notes.ts';
import { taskLookupById } from './018-task-lookup-by-id.ts';
import { authEpoch } from './019-auth-epoch.ts';
import { instanceActors } from './020-instance-actors.ts';
import { cancelNotifications } from './021-cancel-notifications.ts';
import { clinicCalendar } from './022-clinic-calendar.ts';
import { cancelledEmail } from './023-cancelled-email.ts';
import { attachments } from './024-attachments.ts';
import { roleAssignments } from './025-role-assignments.ts';
import { escalationsWhen } from './026-escalations-when.ts';
import { hoursApplied } from './027-hours-applied.ts';
import { taskEscalations } from './028-task-escalations.ts';
import { definitionRetirements } from './029-definition-retirements.ts';
import { dueSoon } from './030-due-soon.ts';
import { webhookSequence } from './031-webhook-sequence.ts';
import { taskDrafts } from './032-task-drafts.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  core,
  accounts,
  collaboration,
  roleSignOff,
  tracking,
  helpCenter,
  instanceMigrations,
  changeFeed,
  securityHardening,
  apiTokenLifetime,
  auditAppendOnly,
  accountAdministration,
  helpVideos,
  singleSignOn,
  outbox,
  intake,
  requestNotes,
  taskLookupById,
  authEpoch,
  instanceActors,
  cancelNotifications,
  clinicCalendar,
  cancelledEmail,
  attachments,
  roleAssignments,
  escalationsWhen,
  hoursApplied,
  taskEscalations,
  definitionRetirements,
  dueSoon,
  webhookSequence,
  taskDrafts,
];
