import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { type ApiToken, REVOKE_REASONS, useRevokeToken } from './api.ts';

// Outlined in the dark shade: a light variant given a shade paints its word in its own background colour,
// and a named colour's pale tint leaves its word at 4.3:1.
const STATUS_COLOR = { active: 'teal.9', expired: 'gray.8', revoked: 'red.9' } as const;

function endedHow(token: ApiToken): string {
  if (token.status === 'active') return '';
  if (token.status === 'expired') return `expired ${formatWhen(token.expiresAt)}`;
  const why = token.revokedReason
    ? token.revokedReason
        .split(',')
        .map((r) => REVOKE_REASONS[r] ?? r)
        .join(', ')
    : 'revoked';
  return token.revokedAt ? `${why}, ${formatWhen(token.revokedAt)}` : why;
}

/** A list of tokens with revoke buttons (each asks first); `userId` null: the signed-in user's own. */
export function TokenTable({ tokens, userId }: { tokens: ApiToken[]; userId: string | null }) {
  const revoke = useRevokeToken(userId);
  const [confirming, setConfirming] = useState<ApiToken | null>(null);

  async function confirmRevoke() {
    if (!confirming) return;
    try {
      await revoke.mutateAsync(confirming.id);
      notifications.show({
        color: 'teal',
        title: 'Token revoked',
        message: `“${confirming.name}” no longer works.`,
      });
      setConfirming(null);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not revoked', message: (error as Error).message });
    }
  }

  if (tokens.length === 0)
    return (
      <Text c="gray.7" size="sm" data-testid="tokens-empty">
        No API tokens.
      </Text>
    );
  return (
    <>
      <Table striped withTableBorder data-testid="tokens-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Scope</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((t) => (
            <Table.Tr key={t.id} data-testid="token-row" data-token-id={t.id} data-status={t.status}>
              <Table.Td>{t.name}</Table.Td>
              <Table.Td>{t.scope === 'read' ? 'Read only' : 'Read and act'}</Table.Td>
              <Table.Td className="pf-time">{formatWhen(t.createdAt)}</Table.Td>
              <Table.Td className="pf-time">{formatWhen(t.expiresAt)}</Table.Td>
              <Table.Td className="pf-time">{t.lastUsedAt ? formatWhen(t.lastUsedAt) : 'never'}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Badge color={STATUS_COLOR[t.status]} variant="outline" data-testid="token-status">
                    {t.status}
                  </Badge>
                  {t.status !== 'active' && (
                    <Text size="xs" c="gray.7">
                      {endedHow(t)}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                {t.status === 'active' && (
                  <Button
                    size="compact-sm"
                    variant="outline"
                    color="red.9"
                    onClick={() => setConfirming(t)}
                    data-testid="token-revoke"
                    aria-label={`Revoke ${t.name}`}
                  >
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title="Revoke this token?"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack>
          <Text size="sm">
            Anything using “{confirming?.name}” stops working at once. This cannot be undone: make a new token
            if it is needed again.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Keep it
            </Button>
            <Button
              color="red.9"
              loading={revoke.isPending}
              onClick={confirmRevoke}
              data-testid="token-revoke-confirm"
            >
              Revoke
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
