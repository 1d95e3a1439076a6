import { accountAdminCases } from './cases/account-admin.case.ts';
import { accountCases } from './cases/accounts.case.ts';
import { attachmentCases } from './cases/attachments.case.ts';
import { auditCases } from './cases/audit.case.ts';
import { clinicCases } from './cases/clinic.case.ts';
import { definitionCases } from './cases/definitions.case.ts';
import { feedCases } from './cases/feed.case.ts';
import { helpCases } from './cases/help.case.ts';
import { instanceMigrationCases } from './cases/instance-migrations.case.ts';
import { instanceCases } from './cases/instances.case.ts';
import { intakeKeyCases } from './cases/intake-keys.case.ts';
import { outboxCases } from './cases/outbox.case.ts';
import { recordCases } from './cases/records.case.ts';
import { roleSignOffCases } from './cases/role-sign-off.case.ts';
import { securityCases } from './cases/security.case.ts';
import { ssoCases } from './cases/sso.case.ts';
import { taskCases } from './cases/tasks.case.ts';
import { timerCases } from './cases/timers.case.ts';
import type { NewHarness } from './support/harness.ts';

/** The behaviour every `Store` implementation must show; each implementation's test calls this. */
export function runStoreSuite(newHarness: NewHarness): void {
  definitionCases(newHarness);
  instanceCases(newHarness);
  auditCases(newHarness);
  taskCases(newHarness);
  timerCases(newHarness);
  accountCases(newHarness);
  accountAdminCases(newHarness);
  recordCases(newHarness);
  roleSignOffCases(newHarness);
  helpCases(newHarness);
  instanceMigrationCases(newHarness);
  feedCases(newHarness);
  securityCases(newHarness);
  ssoCases(newHarness);
  outboxCases(newHarness);
  intakeKeyCases(newHarness);
  clinicCases(newHarness);
  attachmentCases(newHarness);
}
