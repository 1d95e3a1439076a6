import type { BackupList } from '@portalflow/contract';

/** A whole backup older than this means last night's did not happen. */
export const STALE_MS = 26 * 3600_000;

/** Backups are on, and no whole one is younger than a day and a bit. */
export function backupsStale(list: BackupList, now: number): boolean {
  if (!list.schedule) return false;
  const lastWhole = list.backups.find((b) => b.status === 'whole');
  return !lastWhole?.createdAt || now - Date.parse(lastWhole.createdAt) > STALE_MS;
}

/**
 * What an admin's header says about backups: `off` (none are taken: one disk failure loses the clinic's
 * records), `stale` (none whole lately), or nothing.
 */
export function backupAlarm(list: BackupList, now: number): 'off' | 'stale' | null {
  if (!list.schedule) return 'off';
  return backupsStale(list, now) ? 'stale' : null;
}
