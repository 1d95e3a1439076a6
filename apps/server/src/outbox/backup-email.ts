import type { ComposedEmail } from './email.ts';

/**
 * The backup alarm's emails, to admins: the nightly backup failed, and (after that) backups work
 * again. Not an email preference — a clinic must not lose its backups unheard.
 */
export type BackupEmailKind = 'backup-failed' | 'backup-working';

export const isBackupEmail = (kind: string): kind is BackupEmailKind =>
  kind === 'backup-failed' || kind === 'backup-working';

/** Times are clinic times (`HH:MM`, dates `YYYY-MM-DD`) in `timeZone`. */
export interface BackupFailedPayload {
  /** The day whose nightly backup failed. */
  date: string;
  failedAt: string;
  timeZone: string;
  /** The error's code and a fixed sentence for it (backup/failure-reason.ts), never its message. */
  code: string;
  reason: string;
  /** When the newest whole backup was taken (`YYYY-MM-DD HH:MM`); null: none was found. */
  lastWhole: string | null;
  nextTry: { date: string; time: string };
  /** The backups directory: configuration, not patient data. */
  dir: string;
}

export interface BackupWorkingPayload {
  date: string;
  madeAt: string;
  timeZone: string;
}

const FOOTER =
  'This alarm goes to every admin with an email address, whatever other emails they turned off.\n' +
  'For patient privacy it holds no patient information.';

export function composeBackupEmail(
  kind: BackupEmailKind,
  payload: unknown,
  opts: { baseUrl: string; clinicName: string },
): ComposedEmail {
  const page = `See every backup and its status on the Backups page: ${opts.baseUrl}/backups`;
  if (kind === 'backup-working') {
    const p = payload as BackupWorkingPayload;
    return {
      subject: `[${opts.clinicName}] portalflow: backups work again (${p.date})`,
      text:
        `The nightly backup of ${p.date} was made at ${p.madeAt} (clinic time, ${p.timeZone}) and is whole.\n` +
        'Backups work again after the failure emailed earlier.\n\n' +
        `${page}\n\n${FOOTER}\n`,
    };
  }
  const p = payload as BackupFailedPayload;
  const last = p.lastWhole
    ? `The last whole backup was taken ${p.lastWhole}.`
    : 'The last whole backup: none found in the backups directory.';
  const next =
    p.nextTry.date === p.date
      ? `Next: it is tried again at about ${p.nextTry.time}, and each hour after that today.`
      : `Next: it is tried again with the nightly backup of ${p.nextTry.date} at ${p.nextTry.time}.`;
  return {
    subject: `[${opts.clinicName}] portalflow: last night's backup failed (${p.date})`,
    text:
      `The nightly backup of ${p.date} failed at ${p.failedAt} (clinic time, ${p.timeZone}).\n\n` +
      `Why: ${p.code} — ${p.reason}.\n${last}\n${next}\n` +
      `Backups directory: ${p.dir}\n\n` +
      `${page}\nThe server's log says more: look for "backup ${p.date}".\n\n${FOOTER}\n`,
  };
}
