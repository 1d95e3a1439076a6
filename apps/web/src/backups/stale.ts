import type { BackupList } from '@portalflow/contract';

/** A whole backup older than this means last night's did not happen. */
export const STALE_MS = 26 * 3600_000;

/** Backups are on, and no whole one is younger than a day and a bit. */
export function backupsStale(list: BackupList, now: number): boolean {
  if (!list.schedule) return false;
  const lastWhole = list.backups.find((b) => b.status === 'whole');
  return !lastWhole?.createdAt || now - Date.parse(lastWhole.createdAt) > STALE_MS;
}
