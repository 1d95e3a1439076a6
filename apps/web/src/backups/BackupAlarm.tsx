import { Button } from '@mantine/core';
import { DatabaseBackup } from 'lucide-react';
import { Link } from 'react-router';
import { backupsStale } from './stale.ts';
import { useBackups } from './useBackups.ts';

/**
 * In the header, for admins: backups are set up but none whole was taken lately (a nightly one
 * failed, or the disk filled). Said where an admin looks every day, not only in the server's log.
 */
export function BackupAlarm() {
  const list = useBackups({ staleTime: 10 * 60_000, refetchInterval: 30 * 60_000 });
  if (!list.data || !backupsStale(list.data, Date.now())) return null;
  return (
    <Button
      component={Link}
      to="/backups"
      size="compact-sm"
      color="red"
      variant="light"
      c="red.9"
      leftSection={<DatabaseBackup size={14} aria-hidden />}
      data-testid="backup-alarm"
    >
      No recent backup
    </Button>
  );
}
