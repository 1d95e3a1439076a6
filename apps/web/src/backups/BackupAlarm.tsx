import { Button } from '@mantine/core';
import { DatabaseBackup } from 'lucide-react';
import { Link } from 'react-router';
import { AMBER_TEXT } from '../work/palette.ts';
import { backupAlarm } from './stale.ts';
import { useBackups } from './useBackups.ts';

/**
 * In the header, for admins: backups are off, or set up but none whole was taken lately (a nightly one
 * failed, or the disk filled). Said where an admin looks every day, not only in the server's log.
 */
export function BackupAlarm() {
  const list = useBackups({ staleTime: 10 * 60_000, refetchInterval: 30 * 60_000 });
  const alarm = list.data ? backupAlarm(list.data, Date.now()) : null;
  if (!alarm) return null;
  const off = alarm === 'off';
  return (
    <Button
      component={Link}
      to="/backups"
      size="compact-sm"
      color={off ? 'orange' : 'red'}
      variant="light"
      c={off ? AMBER_TEXT : 'red.9'}
      leftSection={<DatabaseBackup size={14} aria-hidden />}
      data-testid="backup-alarm"
      data-alarm={alarm}
    >
      {off ? 'Backups off' : 'No recent backup'}
    </Button>
  );
}
