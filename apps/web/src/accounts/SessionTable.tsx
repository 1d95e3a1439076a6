import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { SessionView } from '@portalflow/contract';
import { formatWhen } from '../shell/time.ts';

interface Props {
  sessions: readonly SessionView[];
  /** Signs one out; leave out where the list is read only. */
  onEnd?: (session: SessionView) => void;
  /** Whether a row offers Sign out (a person's own list keeps "This browser" to the Sign out button). */
  canEnd?: (session: SessionView) => boolean;
  /** The session being signed out, for its button's spinner. */
  ending?: string | null;
  testId: string;
  rowTestId?: string;
  endTestId?: string;
}

/**
 * Sessions as an admin or their owner sees them: the browser, when it signed in and was last used,
 * "This browser" marked, and Sign out per row. Never a session's secret.
 */
export function SessionTable({
  sessions,
  onEnd,
  canEnd = () => true,
  ending,
  testId,
  rowTestId,
  endTestId,
}: Props) {
  return (
    <Table data-testid={testId} verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Browser</Table.Th>
          <Table.Th>Signed in</Table.Th>
          <Table.Th>Last used</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sessions.map((s) => (
          <Table.Tr key={s.id} data-testid={rowTestId} data-current={s.current || undefined}>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Text size="sm">{s.clientHint ?? 'Unknown browser'}</Text>
                {s.current && (
                  <Badge size="sm" variant="outline" color="teal.9" tt="none">
                    This browser
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td className="pf-time">{formatWhen(s.createdAt)}</Table.Td>
            <Table.Td className="pf-time">{s.current ? 'Now' : formatWhen(s.lastSeenAt)}</Table.Td>
            <Table.Td>
              {onEnd && canEnd(s) && (
                <Button
                  size="xs"
                  variant="default"
                  loading={ending === s.id}
                  onClick={() => onEnd(s)}
                  aria-label={`Sign out ${s.clientHint ?? 'that browser'}, signed in ${formatWhen(s.createdAt)}`}
                  data-testid={endTestId}
                >
                  Sign out
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
