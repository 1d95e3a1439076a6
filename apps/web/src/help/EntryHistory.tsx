import { Badge, Code, Loader, Modal, Stack, Table, Text, Timeline } from '@mantine/core';
import { helpEntryChanges } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { formatWhen } from '../shell/time.ts';
import type { HelpEntry, HelpEntryChange } from './types.ts';

const ACTION: Record<HelpEntryChange['action'], string> = {
  created: 'Created',
  edited: 'Edited',
  published: 'Published',
  unpublished: 'Taken back to draft',
  deleted: 'Deleted',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  const text = String(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** Who changed an entry, when, and each field old → new. */
export function EntryHistory({
  entry,
  nameOf,
  onClose,
}: {
  entry: HelpEntry | null;
  nameOf: (id: string | null) => string;
  onClose: () => void;
}) {
  const history = useQuery({
    queryKey: ['help', 'changes', entry?.id],
    queryFn: async () => (await call(helpEntryChanges, { params: { id: entry!.id } })).changes,
    enabled: entry !== null,
  });
  return (
    <Modal
      opened={entry !== null}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={`History: ${entry?.title ?? ''}`}
      size="lg"
    >
      {history.isPending ? (
        <Loader role="status" aria-label="Loading history" size="sm" />
      ) : (
        <Timeline bulletSize={14} lineWidth={2} data-testid="help-history">
          {[...(history.data ?? [])].reverse().map((change) => (
            <Timeline.Item
              key={change.seq}
              title={
                <Text size="sm" fw={600}>
                  {ACTION[change.action]}{' '}
                  <Text span size="sm" fw={400} c="gray.8">
                    by {nameOf(change.userId)} · {formatWhen(change.at)}
                  </Text>
                </Text>
              }
            >
              {change.action === 'created' || change.action === 'deleted' ? null : (
                <Table fz="xs" withRowBorders={false} mt={4}>
                  <Table.Tbody>
                    {Object.entries(change.changes).map(([field, { from, to }]) => (
                      <Table.Tr key={field}>
                        <Table.Td w={90}>
                          <Badge size="xs" variant="outline" color="gray.8">
                            {field}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Stack gap={2}>
                            <Code block style={{ whiteSpace: 'pre-wrap' }}>
                              <span className="pf-visually-hidden">Before: </span>
                              <s>{show(from)}</s>
                            </Code>
                            <Code block style={{ whiteSpace: 'pre-wrap' }}>
                              <span className="pf-visually-hidden">After: </span>
                              {show(to)}
                            </Code>
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Modal>
  );
}
