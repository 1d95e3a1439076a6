import type { BackupList, BackupSummary } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import { backupAlarm, backupsStale } from '../src/backups/stale.ts';

const NOW = Date.parse('2026-12-07T15:00:00.000Z');
const schedule = { dir: '/backups', time: '02:00', keep: 14 };
const backup = (status: BackupSummary['status'], createdAt: string | null): BackupSummary => ({
  name: '2026-12-07',
  status,
  createdAt,
  instances: 1,
  events: 1,
  files: 0,
  bytes: 1,
  problems: [],
});
const list = (...backups: BackupSummary[]): BackupList => ({ schedule, backups });

describe('whether the admins are told there is no recent backup', () => {
  it('not stale when backups are off: the alarm says they are off instead', () => {
    expect(backupsStale({ schedule: null, backups: [] }, NOW)).toBe(false);
    expect(backupAlarm({ schedule: null, backups: [] }, NOW)).toBe('off');
  });

  it('the header’s alarm: off, stale, or nothing to say', () => {
    expect(backupAlarm(list(), NOW)).toBe('stale');
    expect(backupAlarm(list(backup('whole', '2026-12-07T09:00:00.000Z')), NOW)).toBeNull();
  });

  it('when there is none whole yet, or the newest whole one is over 26 hours old', () => {
    expect(backupsStale(list(), NOW)).toBe(true);
    expect(
      backupsStale(list(backup('failed', null), backup('not-whole', '2026-12-07T09:00:00.000Z')), NOW),
    ).toBe(true);
    expect(backupsStale(list(backup('whole', '2026-12-06T12:59:00.000Z')), NOW)).toBe(true);
  });

  it('not when last night’s is whole, even if a later one failed', () => {
    expect(backupsStale(list(backup('failed', null), backup('whole', '2026-12-07T09:00:00.000Z')), NOW)).toBe(
      false,
    );
  });
});
