import { Alert, Code, Text } from '@mantine/core';
import { CircleAlert } from 'lucide-react';
import { clockTime } from '../shell/time.ts';

/**
 * Backups are not set up on this server. Said to the admin in their words (what is at risk, whom to
 * ask); the settings for whoever runs the server stand apart below, to copy into a message to them.
 */
export function BackupsOff() {
  return (
    <Alert
      color="orange"
      icon={<CircleAlert size={16} aria-hidden />}
      title="Backups are not set up"
      data-testid="backups-off"
    >
      <Text size="sm">
        Nothing is copied yet: if this server’s disk fails, the clinic’s requests, their history and attached
        files are lost.
      </Text>
      <Text size="sm" mt="xs">
        Ask whoever runs the server to choose a backup folder, on another disk if they can, and restart the
        server. Every night at {clockTime('02:00')} clinic time it then copies everything into that folder and
        keeps the newest 14 copies; this page then lists them and can take one at any time.
      </Text>
      <Text size="sm" mt="xs">
        What they set:
      </Text>
      <Code block mt={4}>
        {[
          'PORTALFLOW_BACKUP_DIR=/path/to/backup-folder',
          '# optional: the time (clinic time) and how many to keep',
          'PORTALFLOW_BACKUP_TIME=02:00',
          'PORTALFLOW_BACKUP_KEEP=14',
          '# meanwhile, one by hand: portalflow backup <folder>',
        ].join('\n')}
      </Code>
    </Alert>
  );
}
