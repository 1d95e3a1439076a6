import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { databaseFile } from '../audit/checkpoint-config.ts';
import type { BackupSchedule } from '../config.ts';
import type { AppDeps } from '../deps.ts';
import { clinicZone } from '../outbox/digest.ts';
import { localDateTime } from '../outbox/quiet-hours.ts';
import { lastWholeBackup, reportBackupFailed, reportBackupWorking } from './alarm.ts';
import { backupComplete, makeBackup } from './make.ts';
import { type BackupManifest, MANIFEST_FILE } from './manifest.ts';

const DATED = /^\d{4}-\d{2}-\d{2}$/;
/** A setting the server cannot start with; `serve` says it as a usage error. */
const settingsError = (message: string) =>
  Object.assign(new Error(message), { name: 'SettingsError', code: 'BACKUP_SETTINGS' });
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** After a failed backup, the next try waits this long (a full disk fails every minute otherwise). */
const RETRY_MS = 3600_000;

/**
 * Nightly backups from the environment: `PORTALFLOW_BACKUP_DIR` (none: off), `PORTALFLOW_BACKUP_TIME`
 * (`HH:MM` clinic time, default `02:00`), `PORTALFLOW_BACKUP_KEEP` (default 14). Only a file database
 * is backed up here; a libSQL server has its own backups. The demo (someone trying the product) backs
 * up without being told, into `backups/` beside its database, so its Backups page works; `off` stops it.
 */
export function backupScheduleFromEnv(
  url: string | undefined,
  env = process.env,
  options: { demo?: boolean } = {},
): BackupSchedule | null {
  const databaseUrl = url ?? 'file:./data/portalflow.db';
  const dbFile = databaseFile(databaseUrl);
  const dir =
    env.PORTALFLOW_BACKUP_DIR ?? (options.demo && dbFile ? join(dirname(dbFile), 'backups') : undefined);
  if (!dir || dir === 'off') return null;
  if (dbFile === null)
    throw settingsError(
      'PORTALFLOW_BACKUP_DIR backs up a database file; a libSQL server has its own backups',
    );
  const time = env.PORTALFLOW_BACKUP_TIME ?? '02:00';
  if (!TIME.test(time)) throw settingsError(`PORTALFLOW_BACKUP_TIME must be HH:MM (24-hour), not '${time}'`);
  const keep = Number(env.PORTALFLOW_BACKUP_KEEP ?? 14);
  if (!Number.isInteger(keep) || keep < 1 || keep > 3650)
    throw settingsError(
      `PORTALFLOW_BACKUP_KEEP must be a whole number of backups from 1, not '${env.PORTALFLOW_BACKUP_KEEP}'`,
    );
  return { dir, time, keep, databaseUrl };
}

/** Whether a day's directory holds a finished backup. */
const finished = (dir: string) =>
  stat(join(dir, MANIFEST_FILE)).then(
    () => true,
    () => false,
  );

/**
 * Deletes finished backups beyond the newest `keep`, and what failed or stopped before the oldest one
 * kept. Never the newest finished one, whatever `keep` says.
 */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort().reverse();
  const whole: string[] = [];
  for (const name of names.filter((n) => DATED.test(n)))
    if (await finished(join(dir, name))) whole.push(name);
  const kept = whole.slice(0, Math.max(1, keep));
  const oldestKept = kept.at(-1);
  const gone = names.filter(
    (n) =>
      (DATED.test(n) && whole.includes(n) && !kept.includes(n)) ||
      // A failed or stopped one (`2026-12-05-failed-0203`, or a dated one without its manifest).
      (oldestKept !== undefined && n < oldestKept && !whole.includes(n) && /^\d{4}-\d{2}-\d{2}/.test(n)),
  );
  for (const name of gone) await rm(join(dir, name), { recursive: true, force: true });
  return gone;
}

/**
 * One backup named `name` in the schedule's directory: the directory is made exclusively (null when
 * another process, or another press, has it), then the backup, a log line of counts (never a patient
 * or a file name) and pruning. A failure is logged (one that could not even make the directory too),
 * its directory renamed `…-failed-HHMM`, and thrown.
 */
export async function backupNamed(
  deps: AppDeps,
  schedule: BackupSchedule,
  name: string,
  hhmm: string,
): Promise<{ dir: string; manifest: BackupManifest } | null> {
  const dir = join(schedule.dir, name);
  const failed = (error: unknown) => {
    deps.log(`backup ${name} FAILED: ${(error as Error).message}`);
    return error;
  };
  try {
    await mkdir(schedule.dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw failed(error);
  }
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw failed(error);
  }
  try {
    const manifest = await makeBackup({
      databaseUrl: schedule.databaseUrl,
      to: dir,
      attachmentsDir: deps.config.attachmentsDir,
      mediaDir: deps.config.mediaDir,
      now: deps.clock,
    });
    deps.log(
      `backup ${name}: ${manifest.instances} instances, ${manifest.events} events, ${manifest.attachments.files} files${backupComplete(manifest) ? '' : ` — NOT WHOLE: ${manifest.attachments.missing.length} missing, ${manifest.attachments.damaged.length} damaged, chains ${manifest.chains.ok ? 'ok' : 'broken'}`}`,
    );
    const pruned = await pruneBackups(schedule.dir, schedule.keep);
    if (pruned.length > 0) deps.log(`backups deleted (beyond ${schedule.keep}): ${pruned.join(', ')}`);
    return { dir, manifest };
  } catch (error) {
    failed(error);
    await rename(dir, `${dir}-failed-${hhmm}`).catch(() => undefined);
    throw error;
  }
}

/**
 * Today's backup, if its time (clinic time) has come and no process has started it: of several
 * processes on one database exactly one backs it up (`backupNamed`). After a failure the next try is
 * an hour later, and the admins are emailed (`alarm.ts`). Answers what it made, or null.
 * `firstAnyTime`: the first check takes today's backup whatever the hour when there is no whole one
 * yet (the demo: its Backups page has a backup to show, not "none yet", from the start).
 */
export function backupScheduler(deps: AppDeps, options: { firstAnyTime?: boolean } = {}) {
  let retryAt = 0;
  let first = options.firstAnyTime === true;
  return async function runDue(now: string): Promise<{ dir: string; manifest: BackupManifest } | null> {
    const schedule = deps.config.backups;
    if (!schedule || Date.parse(now) < retryAt) return null;
    const local = localDateTime(now, clinicZone(deps));
    const early = first && (await lastWholeBackup(schedule.dir)) === null;
    first = false;
    if (local.time < schedule.time && !early) return null;
    let made: Awaited<ReturnType<typeof backupNamed>>;
    try {
      made = await backupNamed(deps, schedule, local.date, local.time.replace(':', ''));
    } catch (error) {
      retryAt = Date.parse(now) + RETRY_MS;
      const retry = new Date(retryAt).toISOString();
      await reportBackupFailed(deps, { date: local.date, now, retryAt: retry, error });
      return null;
    }
    if (made) await reportBackupWorking(deps, { date: local.date, now, manifest: made.manifest });
    return made;
  };
}

/**
 * Checks every minute whether the day's backup is due (see `backupScheduler`); the demo checks at
 * once and takes its first backup whatever the hour.
 */
export function startBackupSchedule(deps: AppDeps): { stop(): void } {
  if (!deps.config.backups) return { stop() {} };
  const runDue = backupScheduler(deps, { firstAnyTime: deps.demo });
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    void runDue(deps.clock())
      .catch((error: Error) => deps.log(`backup check failed: ${error.message}`))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, 60_000);
  timer.unref?.();
  // The demo checks at once (its first backup, on the schedule it started with); a clinic's server soon after.
  const first = deps.demo ? undefined : setTimeout(tick, 5_000);
  first?.unref?.();
  if (deps.demo) tick();
  return {
    stop() {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}
