import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { type Delivery, type DeliveryStatus, useDeliveries, useResend } from './api.ts';

const STATUS_COLOR: Record<DeliveryStatus, string> = {
  pending: 'blue.9',
  delivered: 'teal.9',
  dead: 'red.9',
  skipped: 'gray.7',
};

/** Every email and webhook message, newest first, by status and channel; a dead one can be re-sent. */
export function DeliveryTable() {
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('all');
  const [channel, setChannel] = useState<'email' | 'webhook' | 'all'>('all');
  const deliveries = useDeliveries({ status, channel });
  const resend = useResend();

  async function again(d: Delivery) {
    try {
      await resend.mutateAsync(d.id);
      notifications.show({
        color: 'teal',
        title: 'Sent again',
        message: `${d.kind} is pending again, with the same id.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not re-sent', message: (error as Error).message });
    }
  }

  return (
    <Stack gap="sm">
      <Group>
        <SegmentedControl
          aria-label="Status"
          value={status}
          onChange={(v) => setStatus(v as DeliveryStatus | 'all')}
          data={['all', 'pending', 'delivered', 'dead', 'skipped'].map((v) => ({ value: v, label: v }))}
          data-testid="delivery-status"
        />
        <SegmentedControl
          aria-label="Channel"
          value={channel}
          onChange={(v) => setChannel(v as 'email' | 'webhook' | 'all')}
          data={['all', 'webhook', 'email'].map((v) => ({ value: v, label: v }))}
        />
      </Group>
      {deliveries.error ? (
        <Text c="red.9">{deliveries.error.message}</Text>
      ) : !deliveries.data ? (
        <Text c="gray.7">Loading…</Text>
      ) : deliveries.data.deliveries.length === 0 ? (
        <Text c="gray.7" size="sm" data-testid="deliveries-empty">
          No deliveries.
        </Text>
      ) : (
        <Table striped withTableBorder data-testid="deliveries-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Channel</Table.Th>
              <Table.Th>Id</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.data.deliveries.map((d) => (
              <Table.Tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                <Table.Td>{d.kind}</Table.Td>
                <Table.Td>{d.channel}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {d.id}
                  </Text>
                </Table.Td>
                <Table.Td className="pf-time">{formatWhen(d.createdAt)}</Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge color={STATUS_COLOR[d.status]} variant="light">
                      {d.status}
                    </Badge>
                    <Text size="xs" c="gray.7" className={d.status === 'delivered' ? 'pf-time' : undefined}>
                      {d.status === 'delivered' && d.deliveredAt
                        ? formatWhen(d.deliveredAt)
                        : d.status === 'pending' && d.attempts > 0
                          ? `${d.lastError ?? 'failed'}; next try ${formatWhen(d.nextAt)}`
                          : (d.lastError ?? '')}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {d.status === 'dead' && (
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => void again(d)}
                      data-testid="delivery-resend"
                    >
                      Re-send
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
