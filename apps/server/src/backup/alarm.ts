import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SystemRole } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import type { BackupEmailKind, BackupFailedPayload, BackupWorkingPayload } from '../outbox/backup-email.ts';
import { clinicZone } from '../outbox/digest.ts';
import { localDateTime } from '../outbox/quiet-hours.ts';
import { backupFailureReason } from './failure-reason.ts';
import { backupComplete } from './make.ts';
import { type BackupManifest, MANIFEST_FILE } from './manifest.ts';

/**
 * The backup alarm: a failed nightly backup is emailed to the admins, once per day's backup, and once
 * more when one works again. Each message's id names the kind, the day and the admin
 * (`backup-failed.<date>.<user>`), so retries failing again that day, and every process that tries,
 * write it once. Written only when the server can send email (`PORTALFLOW_SMTP_URL`).
 */

/** Enabled admins with an email address. */
export async function adminsWithAddress(deps: AppDeps): Promise<string[]> {
  const ids: string[] = [];
  for (const user of await deps.store.listUsers()) {
    if (user.disabled || !user.roles.includes(SystemRole.admin)) continue;
    if ((await deps.store.getEmailPreferences(user.id)).address) ids.push(user.id);
  }
  return ids;
}

const idOf = (kind: BackupEmailKind, date: string, userId: string) => `${kind}.${date}.${userId}`;
const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

async function queue(
  deps: AppDeps,
  kind: BackupEmailKind,
  date: string,
  admins: readonly string[],
  payload: BackupFailedPayload | BackupWorkingPayload,
  now: string,
): Promise<number> {
  const items = admins.map((target) => ({
    id: idOf(kind, date, target),
    channel: 'email' as const,
    kind,
    target,
    payload,
    createdAt: now,
  }));
  return deps.store.addOutbox(items, now);
}

/** When the newest whole backup in `dir` was taken (nightly or by hand), or null. */
export async function lastWholeBackup(dir: string): Promise<string | null> {
  let newest: string | null = null;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!/^\d{4}-\d{2}-\d{2}/.test(name)) continue;
    const manifest = await readFile(join(dir, name, MANIFEST_FILE), 'utf8')
      .then((text) => JSON.parse(text) as BackupManifest)
      .catch(() => null);
    if (manifest && backupComplete(manifest) && (!newest || manifest.createdAt > newest))
      newest = manifest.createdAt;
  }
  return newest;
}

/** The day's nightly backup failed at `now`; the next try is due at `retryAt`. Never throws. */
export async function reportBackupFailed(
  deps: AppDeps,
  input: { date: string; now: string; retryAt: string; error: unknown },
): Promise<void> {
  const schedule = deps.config.backups;
  if (!schedule || !deps.config.outbox.smtpUrl) return;
  const { date, now } = input;
  try {
    const admins = await adminsWithAddress(deps);
    if (admins.length === 0) {
      deps.log(`backup ${date} failure: no admin has an email address to tell`);
      return;
    }
    const zone = clinicZone(deps);
    const last = await lastWholeBackup(schedule.dir);
    const lastAt = last ? localDateTime(last, zone) : null;
    const retry = localDateTime(input.retryAt, zone);
    const payload: BackupFailedPayload = {
      date,
      failedAt: localDateTime(now, zone).time,
      timeZone: zone,
      ...backupFailureReason(input.error),
      lastWhole: lastAt ? `${lastAt.date} ${lastAt.time}` : null,
      // A retry after midnight waits for the next day's backup time.
      nextTry:
        retry.date === date || retry.time >= schedule.time
          ? retry
          : { date: retry.date, time: schedule.time },
      dir: schedule.dir,
    };
    const queued = await queue(deps, 'backup-failed', date, admins, payload, now);
    if (queued > 0) deps.log(`backup ${date} failure: emailing ${queued} admins`);
  } catch (error) {
    deps.log(`backup ${date} failure: could not email the admins: ${(error as Error).message}`);
  }
}

/** Whether the admin's latest backup alarm, of the day or the day before, said a backup failed. */
async function toldOfFailure(deps: AppDeps, userId: string, date: string): Promise<boolean> {
  const before = dayBefore(date);
  const newestFirst = [
    idOf('backup-failed', date, userId),
    idOf('backup-working', before, userId),
    idOf('backup-failed', before, userId),
  ];
  for (const id of newestFirst) {
    const item = await deps.store.getOutbox(id);
    if (item) return item.kind === 'backup-failed';
  }
  return false;
}

/** The day's nightly backup was made: admins told of a failure hear it works again (if whole). Never throws. */
export async function reportBackupWorking(
  deps: AppDeps,
  input: { date: string; now: string; manifest: BackupManifest },
): Promise<void> {
  // One that is not whole is no all-clear: the Backups page and its header alarm say so.
  if (!deps.config.outbox.smtpUrl || !backupComplete(input.manifest)) return;
  const { date, now } = input;
  try {
    const told: string[] = [];
    for (const id of await adminsWithAddress(deps)) if (await toldOfFailure(deps, id, date)) told.push(id);
    if (told.length === 0) return;
    const zone = clinicZone(deps);
    const payload: BackupWorkingPayload = {
      date,
      madeAt: localDateTime(input.manifest.createdAt, zone).time,
      timeZone: zone,
    };
    await queue(deps, 'backup-working', date, told, payload, now);
  } catch (error) {
    deps.log(
      `backup ${date}: could not email the admins that backups work again: ${(error as Error).message}`,
    );
  }
}
