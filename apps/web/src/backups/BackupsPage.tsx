import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { type BackupSummary, downloadBackup, takeBackup } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleAlert, DatabaseBackup, Download } from 'lucide-react';
import { useRef } from 'react';
import { Link } from 'react-router';
import { call, pathOf } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import { useOneAtATime } from '../api/useOneAtATime.ts';
import { notifications } from '../shell/notifications.ts';
import { countOf } from '../shell/plural.ts';
import { clockTime, formatDate, formatWhen } from '../shell/time.ts';
import { sizeText } from '../work/attachments/attachmentText.ts';
import { BackupsOff } from './BackupsOff.tsx';
import { RestoreSteps } from './RestoreSteps.tsx';
import { backupsStale } from './stale.ts';
import { useBackups } from './useBackups.ts';

const STATUS: Record<BackupSummary['status'], { label: string; color: string; text: string }> = {
  whole: { label: 'Whole', color: 'teal', text: 'teal.9' },
  'not-whole': { label: 'Not whole', color: 'orange', text: 'orange.9' },
  failed: { label: 'Failed', color: 'red', text: 'red.9' },
  unfinished: { label: 'Being taken, or stopped', color: 'gray', text: 'gray.8' },
};

/** "2026-12-06" → "Sun 6 Dec"; "2026-12-06-0915-manual" → the same, taken by hand at 9:15 AM (clinic time). */
function backupName(name: string): { day: string; manual: string | null } {
  const hhmm = /^\d{4}-\d{2}-\d{2}-(\d{4})-manual/.exec(name)?.[1];
  // The name is the clinic's date: shown as that calendar date, whatever the browser's zone.
  const day = formatDate(name.slice(0, 10));
  return { day, manual: hhmm ? clockTime(`${hhmm.slice(0, 2)}:${hhmm.slice(2)}`) : null };
}

/** Same origin, so the session cookie authorises it and the server logs who downloaded which. */
const downloadHref = (name: string) => `/api${pathOf(downloadBackup, { name }, undefined)}`;

/** Only a finished backup has a whole folder to download. */
const downloadable = (b: BackupSummary) => b.status === 'whole' || b.status === 'not-whole';

/** A refusal because a backup was taken this minute, within a minute of this page taking one. */
const isMyOwnBackup = (error: Error, tookAt: number | null) =>
  error instanceof ApiError &&
  error.code === 'BACKUP_IN_PROGRESS' &&
  tookAt !== null &&
  Date.now() - tookAt < 60_000;

/**
 * `/backups` (admins): whether the clinic's data is being backed up, each backup's status and what it
 * holds, and **Back up now** before a risky change. Restoring is a command on the server (below).
 */
export function BackupsPage() {
  const client = useQueryClient();
  const list = useBackups();
  const oneAtATime = useOneAtATime();
  /** When this page last took a backup: a "taken this minute" refusal right after is about that one. */
  const tookAt = useRef<number | null>(null);
  const take = useMutation({
    mutationFn: () => call(takeBackup, {}),
    onSuccess: (taken) => {
      tookAt.current = Date.now();
      notifications.show({
        color: taken.status === 'whole' ? 'teal' : 'orange',
        title: taken.status === 'whole' ? 'Backup taken' : 'Backup taken, but not whole',
        message: `${countOf(taken.instances ?? 0, 'request')}, ${countOf(taken.files ?? 0, 'file')}, ${sizeText(taken.bytes ?? 0)}.`,
      });
    },
    onError: (error: Error) => {
      if (isMyOwnBackup(error, tookAt.current))
        notifications.show({
          color: 'gray',
          title: 'Already backed up',
          message: 'The backup you just took is the newest; another can be taken from the next minute.',
        });
      else notifications.show({ color: 'red', title: 'No backup taken', message: error.message });
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['backups'] }),
  });

  if (list.isPending) return <Loader role="status" aria-label="Loading backups" m="md" />;
  if (list.error)
    return (
      <Alert color="red" title="Could not load the backups" m="md">
        {list.error.message}
      </Alert>
    );
  const { schedule, backups } = list.data;
  const lastWhole = backups.find((b) => b.status === 'whole');
  const stale = backupsStale(list.data, Date.now());

  return (
    <Stack p="md" gap="md" maw={980} data-testid="backups-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Backups</Title>
          <Text size="sm" c="gray.8">
            A copy of every request, its history and attached files, checked file by file when it is taken.
          </Text>
        </div>
        {schedule && (
          <Button
            leftSection={<DatabaseBackup size={16} aria-hidden />}
            loading={take.isPending}
            // A double click takes one backup: the second press waits for the first's answer.
            onClick={() => void oneAtATime('backup', () => take.mutateAsync()).catch(() => undefined)}
            data-testid="backup-now"
          >
            Back up now
          </Button>
        )}
      </Group>
      {!schedule ? (
        <BackupsOff />
      ) : (
        <Text size="sm" data-testid="backups-schedule">
          Every night at <b>{clockTime(schedule.time)}</b> clinic time into <Code>{schedule.dir}</Code>; the
          newest <b>{schedule.keep}</b> whole backups are kept. Copy that folder off this machine too: a
          backup on the same disk does not survive the disk. If one fails, every admin with an email address (
          <Link to="/profile/email">Email notifications</Link>) is emailed, and again when backups work again.
          When Back up now fails, whoever pressed it sees it here and the other admins are emailed.
        </Text>
      )}
      {stale && (
        <Alert
          color="red"
          icon={<CircleAlert size={16} aria-hidden />}
          title="No recent whole backup"
          role="alert"
          data-testid="backups-stale"
        >
          {lastWhole?.createdAt
            ? `The last whole backup was taken ${formatWhen(lastWhole.createdAt)}. Check the server's log for "backup … FAILED".`
            : 'There is no whole backup yet. Press Back up now, or check the server’s log.'}
        </Alert>
      )}
      {backups.length > 0 && (
        <Table data-testid="backups" verticalSpacing={6} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Backup</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Taken</Table.Th>
              <Table.Th ta="right">Requests</Table.Th>
              <Table.Th ta="right">Files</Table.Th>
              <Table.Th ta="right">Size</Table.Th>
              <Table.Th>
                <VisuallyHidden>Download</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {backups.map((b) => {
              const name = backupName(b.name);
              const status = STATUS[b.status];
              return (
                <Table.Tr key={b.name} data-testid="backup-row" data-status={b.status}>
                  <Table.Td>
                    <Text size="sm">{name.day}</Text>
                    {name.manual && (
                      <Text size="xs" c="gray.7">
                        taken by hand at {name.manual}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={status.color} c={status.text} tt="none">
                      {status.label}
                    </Badge>
                    {b.problems.map((p) => (
                      <Text key={p} size="xs" c="orange.9">
                        {p}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td className="pf-time">{b.createdAt ? formatWhen(b.createdAt) : '—'}</Table.Td>
                  <Table.Td ta="right">{b.instances?.toLocaleString('en-US') ?? '—'}</Table.Td>
                  <Table.Td ta="right">{b.files?.toLocaleString('en-US') ?? '—'}</Table.Td>
                  <Table.Td ta="right">{b.bytes === null ? '—' : sizeText(b.bytes)}</Table.Td>
                  <Table.Td ta="right">
                    {downloadable(b) && (
                      <Button
                        component="a"
                        href={downloadHref(b.name)}
                        download
                        size="compact-sm"
                        variant="default"
                        leftSection={<Download size={14} aria-hidden />}
                        aria-label={`Download the backup of ${name.day}${name.manual ? ` taken at ${name.manual}` : ''}`}
                        data-testid="backup-download"
                      >
                        Download
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {schedule && backups.length === 0 && (
        <Text size="sm" c="gray.7" data-testid="backups-empty">
          No backup yet. The first is taken tonight, or now with Back up now.
        </Text>
      )}
      {backups.some(downloadable) && (
        <RestoreSteps example={(backups.find(downloadable) ?? backups[0])!.name} />
      )}
    </Stack>
  );
}
