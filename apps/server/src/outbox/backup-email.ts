import { clockTime, dateInYear } from '@portalflow/engine/text';
import type { ComposedEmail, EmailWords } from './email.ts';

/**
 * The backup alarm's emails, to admins: the nightly backup failed, and (after that) backups work
 * again; a backup another admin took by hand failed. Not an email preference — a clinic must not lose
 * its backups unheard.
 */
export type BackupEmailKind = 'backup-failed' | 'backup-working' | 'backup-manual-failed';

export const isBackupEmail = (kind: string): kind is BackupEmailKind =>
  kind === 'backup-failed' || kind === 'backup-working' || kind === 'backup-manual-failed';

/** Times are clinic times (`HH:MM`, dates `YYYY-MM-DD`) in `timeZone`, written out when the email is. */
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

/** A backup taken by hand ("Back up now") failed; told to the admins who did not press it. */
export interface BackupManualFailedPayload {
  /** The backup's name (`<date>-HHMM-manual`), as in the server's log and on the Backups page. */
  name: string;
  date: string;
  failedAt: string;
  timeZone: string;
  /** The admin who pressed, by name (staff, not patient data). */
  by: string;
  code: string;
  reason: string;
  lastWhole: string | null;
  /** The nightly backup's time (`HH:MM`), which still runs. */
  nightlyAt: string;
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
  opts: { baseUrl: string; clinicName: string } & EmailWords,
): ComposedEmail {
  // Dates and times as the clinic's screens write them: "Tue, Dec 8", "2:00 AM" (or 02:00).
  const day = (date: string) => dateInYear(date, opts.today);
  const time = (hhmm: string) => clockTime(hhmm, opts.clock);
  const lastWholeText = (lastWhole: string | null) => {
    if (!lastWhole) return 'The last whole backup: none found in the backups directory.';
    const [date = '', at = ''] = lastWhole.split(' ');
    return `The last whole backup was taken ${day(date)}, ${time(at)}.`;
  };
  const page = `See every backup and its status on the Backups page: ${opts.baseUrl}/backups`;
  if (kind === 'backup-working') {
    const p = payload as BackupWorkingPayload;
    return {
      subject: `[${opts.clinicName}] portalflow: backups work again (${day(p.date)})`,
      text:
        `The nightly backup of ${day(p.date)} was made at ${time(p.madeAt)} (clinic time, ${p.timeZone}) and is whole.\n` +
        'Backups work again after the failure emailed earlier.\n\n' +
        `${page}\n\n${FOOTER}\n`,
    };
  }
  if (kind === 'backup-manual-failed') {
    const p = payload as BackupManualFailedPayload;
    return {
      subject: `[${opts.clinicName}] portalflow: a backup taken by hand failed (${day(p.date)})`,
      text:
        `${p.by} pressed Back up now at ${time(p.failedAt)} (clinic time, ${p.timeZone}) and the backup failed.\n` +
        'They were shown the failure on the Backups page; this is so you know too.\n\n' +
        `Why: ${p.code} — ${p.reason}.\n${lastWholeText(p.lastWhole)}\n` +
        `The nightly backup still runs at ${time(p.nightlyAt)}; if it fails too, every admin is emailed.\n` +
        `Backups directory: ${p.dir}\n\n` +
        `${page}\nThe server's log says more: look for "backup ${p.name}".\n\n${FOOTER}\n`,
    };
  }
  const p = payload as BackupFailedPayload;
  const last = lastWholeText(p.lastWhole);
  const next =
    p.nextTry.date === p.date
      ? `Next: it is tried again at about ${time(p.nextTry.time)}, and each hour after that today.`
      : `Next: it is tried again with the nightly backup of ${day(p.nextTry.date)} at ${time(p.nextTry.time)}.`;
  return {
    subject: `[${opts.clinicName}] portalflow: last night's backup failed (${day(p.date)})`,
    text:
      `The nightly backup of ${day(p.date)} failed at ${time(p.failedAt)} (clinic time, ${p.timeZone}).\n\n` +
      `Why: ${p.code} — ${p.reason}.\n${last}\n${next}\n` +
      `Backups directory: ${p.dir}\n\n` +
      `${page}\nThe server's log says more: look for "backup ${p.date}".\n\n${FOOTER}\n`,
  };
}
