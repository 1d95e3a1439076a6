import { Badge, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { trackingEntryChanges } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { formatWhen } from '../shell/time.ts';

const show = (v: unknown) => (v === null || v === undefined ? '∅' : String(v));

/** An entry's audit trail: who changed what, when, old → new, and whether the hash chain holds. */
export function EntryHistory({
  entryId,
  nameOf,
  onClose,
}: {
  entryId: string | null;
  nameOf: (id: string | null) => string;
  onClose: () => void;
}) {
  const trail = useQuery({
    queryKey: ['tracking', 'changes', entryId],
    queryFn: () => call(trackingEntryChanges, { params: { id: entryId! } }),
    enabled: entryId !== null,
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={entryId !== null}
      onClose={onClose}
      title="Entry history"
      size="lg"
    >
      {trail.isPending ? (
        <Loader role="status" aria-label="Loading history" />
      ) : trail.error ? (
        <Text c="red.9">{(trail.error as Error).message}</Text>
      ) : (
        <Stack gap="sm" data-testid="entry-history">
          <Group>
            {trail.data.verify.ok ? (
              <Badge tt="none" color="teal.9" data-testid="entry-history-verified">
                Hash chain verified
              </Badge>
            ) : (
              <Badge tt="none" color="red.9">
                Altered: {trail.data.verify.reason}
              </Badge>
            )}
          </Group>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Old → new</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trail.data.changes.map((c) => (
                <Table.Tr key={c.seq}>
                  <Table.Td className="pf-time">{formatWhen(c.at)}</Table.Td>
                  <Table.Td>{nameOf(c.actor)}</Table.Td>
                  <Table.Td>{c.action}</Table.Td>
                  <Table.Td>
                    {c.changes.map((ch) => (
                      <div key={ch.field}>
                        {ch.field === 'userId'
                          ? `person: ${ch.from ? nameOf(String(ch.from)) : '∅'} → ${ch.to ? nameOf(String(ch.to)) : '∅'}`
                          : `${ch.field.replace(/^fields\./, '')}: ${show(ch.from)} → ${show(ch.to)}`}
                      </div>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Modal>
  );
}
