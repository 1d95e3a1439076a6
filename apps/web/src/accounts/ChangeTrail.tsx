import { Alert, Button, Group, Loader, Table, Text } from '@mantine/core';
import { ACCOUNT_CHANGES_MOST, listAccountChanges } from '@portalflow/contract';
import { callFile } from '../api/call.ts';
import { downloadText } from '../audit/download.ts';
import { formatWhen } from '../shell/time.ts';
import { ACCOUNT_CHANGES_SHOWN as SHOWN, useAccountChanges, useRoleCatalog } from './api.ts';
import { changeFrom, changeLabel, changeTo } from './changes.ts';

/** Who changed which account, when, old → new; with a CSV download (admins and auditors). */
export function ChangeTrail({ userId, compact = false }: { userId?: string | undefined; compact?: boolean }) {
  const changes = useAccountChanges(userId);
  const catalog = useRoleCatalog();
  // Roles by their titles ("Medical assistant"), as the people list shows them.
  const roleTitle = (id: string) => catalog.data?.find((r) => r.id === id)?.name;
  if (changes.isPending) return <Loader role="status" aria-label="Loading account changes" />;
  if (changes.error)
    return (
      <Alert color="red" title="Could not load the account changes">
        {changes.error.message}
      </Alert>
    );
  return (
    <>
      {!compact && (
        <Group justify="space-between">
          <Text size="sm" c="gray.7">
            Every change to an account, newest first. Entries can never be edited or removed.
          </Text>
          <Button
            variant="default"
            size="xs"
            onClick={async () => {
              // Named by the server, by when it read the trail (the computer's clock may be wrong).
              const file = await callFile(listAccountChanges, {
                query: { format: 'csv', ...(userId ? { userId } : {}) },
              });
              downloadText(file.name ?? 'account-changes.csv', file.text);
            }}
          >
            Download CSV
          </Button>
        </Group>
      )}
      {changes.data.length >= SHOWN && (
        <Text size="sm" c="gray.7" data-testid="account-changes-more">
          The newest {SHOWN} are shown. Download CSV for the whole trail (up to{' '}
          {ACCOUNT_CHANGES_MOST.toLocaleString('en-US')}).
        </Text>
      )}
      {changes.data.length === 0 ? (
        <Text size="sm" c="gray.7">
          No changes recorded yet.
        </Text>
      ) : (
        <Table striped data-testid="account-changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>By</Table.Th>
              {!userId && <Table.Th>Person</Table.Th>}
              <Table.Th>What</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td className="pf-time">{formatWhen(c.at)}</Table.Td>
                <Table.Td>{c.actorName ?? '—'}</Table.Td>
                {!userId && <Table.Td>{c.userName}</Table.Td>}
                <Table.Td>{changeLabel(c)}</Table.Td>
                <Table.Td>{changeFrom(c, roleTitle)}</Table.Td>
                <Table.Td>{changeTo(c, roleTitle)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
