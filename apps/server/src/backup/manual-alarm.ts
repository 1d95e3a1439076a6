import type { AppDeps } from '../deps.ts';
import type { BackupManualFailedPayload } from '../outbox/backup-email.ts';
import { clinicZone } from '../outbox/digest.ts';
import { localDateTime } from '../outbox/quiet-hours.ts';
import { adminsWithAddress, lastWholeBackup } from './alarm.ts';
import { backupFailureReason } from './failure-reason.ts';

/**
 * A backup taken by hand ("Back up now") failed. The admin who pressed reads the failure on the
 * Backups page; the other admins are emailed, so nobody goes on believing the clinic has the backup
 * that was wanted before a risky change. By the nightly alarm's rules: enabled admins with an address,
 * whatever emails they turned off; the error's code and a fixed reason, never its message (it can name
 * a path); once a clinic day to each admin (`backup-manual-failed.<date>.<user>`), however many presses
 * fail. No "works again" follows: the nightly backup still runs, and alarms on its own if it fails.
 * Written only when the server can send email. Never throws.
 */
export async function reportManualBackupFailed(
  deps: AppDeps,
  input: { name: string; now: string; by: { id: string; displayName: string }; error: unknown },
): Promise<void> {
  const schedule = deps.config.backups;
  if (!schedule || !deps.config.outbox.smtpUrl) return;
  const { name, now } = input;
  try {
    const others = (await adminsWithAddress(deps)).filter((id) => id !== input.by.id);
    if (others.length === 0) {
      deps.log(`backup ${name} failure: no other admin has an email address to tell`);
      return;
    }
    const zone = clinicZone(deps);
    const local = localDateTime(now, zone);
    const last = await lastWholeBackup(schedule.dir);
    const lastAt = last ? localDateTime(last, zone) : null;
    const payload: BackupManualFailedPayload = {
      name,
      date: local.date,
      failedAt: local.time,
      timeZone: zone,
      by: input.by.displayName,
      ...backupFailureReason(input.error),
      lastWhole: lastAt ? `${lastAt.date} ${lastAt.time}` : null,
      nightlyAt: schedule.time,
      dir: schedule.dir,
    };
    const kind = 'backup-manual-failed';
    const queued = await deps.store.addOutbox(
      others.map((target) => ({
        id: `${kind}.${local.date}.${target}`,
        channel: 'email' as const,
        kind,
        target,
        payload,
        createdAt: now,
      })),
      now,
    );
    if (queued > 0)
      deps.log(`backup ${name} failure: emailing ${queued} other ${queued === 1 ? 'admin' : 'admins'}`);
  } catch (error) {
    deps.log(`backup ${name} failure: could not email the other admins: ${(error as Error).message}`);
  }
}
