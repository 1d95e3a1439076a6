import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupSummary } from '@portalflow/contract';
import type { BackupSchedule } from '../config.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { clinicZone } from '../outbox/digest.ts';
import { localDateTime } from '../outbox/quiet-hours.ts';
import { backupComplete } from './make.ts';
import { type BackupManifest, MANIFEST_FILE } from './manifest.ts';
import { reportManualBackupFailed } from './manual-alarm.ts';
import { backupNamed } from './schedule.ts';

/** What an admin reads about one backup: its status and counts from the manifest, never a patient. */
export function backupSummary(name: string, manifest: BackupManifest | null): BackupSummary {
  if (!manifest)
    return {
      name,
      status: name.includes('-failed-') ? 'failed' : 'unfinished',
      createdAt: null,
      instances: null,
      events: null,
      files: null,
      bytes: null,
      problems: [],
    };
  const problems = [
    ...(manifest.chains.ok ? [] : [`${manifest.chains.failures} histories with a broken chain`]),
    ...(manifest.attachments.missing.length > 0
      ? [`${manifest.attachments.missing.length} attached files missing on the disk`]
      : []),
    ...(manifest.attachments.damaged.length > 0
      ? [`${manifest.attachments.damaged.length} attached files damaged`]
      : []),
  ];
  return {
    name,
    status: backupComplete(manifest) ? 'whole' : 'not-whole',
    createdAt: manifest.createdAt || null,
    instances: manifest.instances,
    events: manifest.events,
    files: manifest.attachments.files,
    bytes: manifest.database.bytes + manifest.attachments.bytes + manifest.media.bytes,
    problems,
  };
}

const readManifest = (dir: string) =>
  readFile(join(dir, MANIFEST_FILE), 'utf8').then(
    (text) => JSON.parse(text) as BackupManifest,
    () => null,
  );

/** The backups in the schedule's directory, newest first. */
export async function listBackupSummaries(schedule: BackupSchedule): Promise<BackupSummary[]> {
  const names = (await readdir(schedule.dir).catch(() => [] as string[]))
    .filter((n) => /^\d{4}-\d{2}-\d{2}/.test(n))
    .sort()
    .reverse();
  return Promise.all(names.map(async (n) => backupSummary(n, await readManifest(join(schedule.dir, n)))));
}

const off = () =>
  new ApiError(409, 'BACKUPS_OFF', 'Backups are not set up on this server: set PORTALFLOW_BACKUP_DIR');

/**
 * A backup taken by an admin now (before a risky change), named `<date>-HHMM-manual` (clinic time) in
 * the backups directory and kept like the nightly ones. One at a time per process; the directory is
 * made exclusively, so two admins pressing at once in the same minute get one backup and a 409. A
 * failure is thrown to the admin who pressed, and emailed to the other admins (`manual-alarm.ts`).
 */
export function manualBackups(deps: AppDeps) {
  let busy = false;
  return async function takeNow(by: { id: string; displayName: string }): Promise<BackupSummary> {
    const schedule = deps.config.backups;
    if (!schedule) throw off();
    if (busy) throw new ApiError(409, 'BACKUP_IN_PROGRESS', 'A backup is being taken; wait for it');
    busy = true;
    try {
      const local = localDateTime(deps.clock(), clinicZone(deps));
      const hhmm = local.time.replace(':', '');
      const name = `${local.date}-${hhmm}-manual`;
      let made: Awaited<ReturnType<typeof backupNamed>>;
      try {
        made = await backupNamed(deps, schedule, name, hhmm);
      } catch (error) {
        await reportManualBackupFailed(deps, { name, now: deps.clock(), by, error });
        throw error;
      }
      if (!made) throw new ApiError(409, 'BACKUP_IN_PROGRESS', 'A backup was taken this minute; wait for it');
      return backupSummary(name, made.manifest);
    } finally {
      busy = false;
    }
  };
}
