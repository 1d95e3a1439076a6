import { Code, List, Stack, Text, Title } from '@mantine/core';

/**
 * What a downloaded backup is and how a clinic gets its data back from it: the server's restore
 * steps, for whoever runs the server. The example folder is the newest backup's name.
 */
export function RestoreSteps({ example }: { example: string }) {
  return (
    <Stack gap={6} data-testid="backups-restore">
      <Title order={3} size="h5">
        The downloaded file, and restoring from it
      </Title>
      <Text size="sm">
        Download gives one .tar file holding the backup’s folder: a copy of the database (every request and
        its history), every attached file, the help videos, and <Code>backup.json</Code>, which lists what the
        backup holds and a fingerprint of each file. It holds patients’ information: keep it where only the
        clinic’s admins can read it, such as an encrypted disk, never in email. The intake key and the
        checkpoint signing key are not in it; keep them safe, apart from the backups.
      </Text>
      <Text size="sm">To restore, whoever runs the server:</Text>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>
          Unpacks the file: <Code>tar -xf portalflow-backup-{example}.tar</Code> gives the folder{' '}
          <Code>{example}</Code>.
        </List.Item>
        <List.Item>
          Checks it, which changes nothing: <Code>portalflow restore {example} --check</Code>.
        </List.Item>
        <List.Item>
          Stops the server and moves the database file aside, with its <Code>-wal</Code> and <Code>-shm</Code>{' '}
          files (a restore never overwrites a database).
        </List.Item>
        <List.Item>
          Restores: <Code>portalflow restore {example} --db file:./data/portalflow.db</Code>. It checks every
          file and history first and writes nothing if anything is wrong. Then starts the server.
        </List.Item>
      </List>
    </Stack>
  );
}
