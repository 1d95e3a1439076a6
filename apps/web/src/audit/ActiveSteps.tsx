import { Badge, Group, Loader, Table, Text } from '@mantine/core';
import type { HistoryInstanceView } from '@portalflow/contract';
import { idToWords } from '@portalflow/engine';
import { Flag, TriangleExclamationPoint } from 'lucide-react';
import { formatWhen } from '../shell/time.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { UserRef } from './UserRef.tsx';

/** The state replayed at the scrubber: which steps were open, owned by which role, assigned to whom. */
export function ActiveSteps({
  view,
  at,
  loading,
  error,
  stepTitle,
}: {
  /** The replayed state (its data is not read here: the instance data panel shows it). */
  view: HistoryInstanceView | undefined;
  at: number;
  loading: boolean;
  error: string | null;
  stepTitle: (id: string) => string;
}) {
  return (
    <div data-testid="replay-active" aria-busy={loading}>
      <Group gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          State after event {at}
        </Text>
        {view && <StatusBadge status={view.status} />}
        {loading && <Loader size={14} role="status" aria-label="Replaying" />}
        {error && (
          <Text size="sm" c="red.8">
            <TriangleExclamationPoint size={14} aria-hidden /> {error}
          </Text>
        )}
      </Group>
      {view && view.active.length === 0 && (
        <Text size="sm" c="dimmed">
          {view.end ? (
            <>
              <Flag size={14} aria-hidden /> Ended at “{stepTitle(view.end.step)}”
              {view.end.outcome ? ` with outcome ${idToWords(view.end.outcome)}` : ''}.
            </>
          ) : view.status === 'cancelled' ? (
            'Cancelled: no step open.'
          ) : (
            'No step open.'
          )}
        </Text>
      )}
      {view && view.active.length > 0 && (
        <Table verticalSpacing={2} fz="sm" withRowBorders={false} aria-label={`Steps open after event ${at}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Open step</Table.Th>
              <Table.Th>Owning role</Table.Th>
              <Table.Th>Assignee</Table.Th>
              <Table.Th>Due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.active.map((a) => (
              <Table.Tr key={a.token} data-testid={`replay-active-${a.step}`}>
                <Table.Td>
                  {a.title}
                  {a.kind === 'wait' && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (waiting{a.signal ? ` for ${a.signal}` : ''})
                    </Text>
                  )}
                  {a.escalated && (
                    <Badge
                      ml={6}
                      size="xs"
                      color="orange"
                      variant="light"
                      leftSection={<TriangleExclamationPoint size={10} aria-hidden />}
                    >
                      Escalated
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{a.roleName ?? '—'}</Table.Td>
                <Table.Td>
                  {a.kind === 'wait' ? (
                    '—'
                  ) : a.assignee ? (
                    <UserRef id={a.assignee} />
                  ) : (
                    <Text span size="sm" c="dimmed">
                      Unclaimed (in the role's pool)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text span size="sm" title={a.due ?? undefined} className="pf-time">
                    {formatWhen(a.due)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
