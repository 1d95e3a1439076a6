import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useUserNames } from '../audit/useUserNames.ts';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { type Delivery, type DeliveryStatus, useDeliveries, useResend, useSubscriptions } from './api.ts';
import { kindWords, STATUS_WORDS } from './deliveryWords.ts';
import { groupSkipped } from './groupSkipped.ts';

/** A reason as a sentence (they end in ".", "?" or a bracket; older ones were bare codes) before "Next try". */
const asSentence = (reason: string) => (/[.?!]$/.test(reason) ? reason : `${reason}.`);

// Mantine's named colours, not a shade: a light badge of "teal.9" drew its word in its own background colour.
const STATUS_COLOR: Record<DeliveryStatus, string> = {
  pending: 'blue',
  delivered: 'teal',
  dead: 'red',
  skipped: 'gray',
};

/**
 * Every email and webhook message, newest first, by status and channel; a dead one can be re-sent.
 * Each says what it is about and to whom (a person by name, a receiver by its address); the same
 * email not sent for the same reason (a digest to everyone without an address) is one row.
 */
export function DeliveryTable() {
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('all');
  const [channel, setChannel] = useState<'email' | 'webhook' | 'all'>('all');
  const deliveries = useDeliveries({ status, channel });
  const resend = useResend();
  const nameOf = useUserNames();
  const subs = useSubscriptions();
  const receiverOf = (id: string) => subs.data?.subscriptions.find((s) => s.id === id)?.url;
  const to = (d: Delivery) =>
    d.channel === 'email'
      ? (nameOf(d.target) ?? 'an account no longer here')
      : (receiverOf(d.target) ?? 'a removed receiver');

  async function again(d: Delivery) {
    try {
      await resend.mutateAsync(d.id);
      notifications.show({
        color: 'teal',
        title: 'Sent again',
        message: `${kindWords(d.kind)} is pending again, with the same id.`,
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
          data={[
            { value: 'all', label: 'All' },
            ...(['pending', 'delivered', 'dead', 'skipped'] as const).map((v) => ({
              value: v,
              label: STATUS_WORDS[v],
            })),
          ]}
          data-testid="delivery-status"
        />
        <SegmentedControl
          aria-label="Channel"
          value={channel}
          onChange={(v) => setChannel(v as 'email' | 'webhook' | 'all')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'webhook', label: 'Webhooks' },
            { value: 'email', label: 'Email' },
          ]}
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
              {/* The receiver's `webhook-sequence`: where a delivery stands in its subscription's order. */}
              <Table.Th>Number</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groupSkipped(deliveries.data.deliveries).map((group) => {
              const d = group[0]!;
              const names = group.map(to);
              return (
                <Table.Tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                  <Table.Td data-testid="delivery-sequence">{d.sequence ?? ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {kindWords(d.kind)}
                      {group.length > 1 ? ` × ${group.length}` : ''}
                    </Text>
                    <Text size="xs" c="gray.7">
                      {d.channel === 'email' ? 'Email' : 'Webhook'}
                    </Text>
                    {/* A receiver logs a webhook by this id: the one thing to quote when asking about it. */}
                    {d.channel === 'webhook' && (
                      <Text size="xs" c="gray.7" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {d.id}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: d.channel === 'webhook' ? 'break-all' : undefined }}>
                      {group.length > 1 ? `${group.length} people: ${names.join(', ')}` : names[0]}
                    </Text>
                  </Table.Td>
                  <Table.Td className="pf-time">{formatWhen(d.createdAt)}</Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Badge
                        color={STATUS_COLOR[d.status]}
                        variant="light"
                        // Teal's own light badge reads below 4.5:1 (its word on a pale green): the palest teal behind it.
                        {...(d.status === 'delivered' ? { bg: 'teal.0', c: 'teal.9' } : {})}
                        style={{ minWidth: 'max-content' }}
                        data-testid="delivery-status-badge"
                      >
                        {STATUS_WORDS[d.status]}
                      </Badge>
                      <Text size="xs" c="gray.7" className={d.status === 'delivered' ? 'pf-time' : undefined}>
                        {d.status === 'delivered' && d.deliveredAt
                          ? formatWhen(d.deliveredAt)
                          : d.status === 'pending' && d.attempts > 0
                            ? `${asSentence(d.lastError ?? 'Failed')} Next try ${formatWhen(d.nextAt)}`
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
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
