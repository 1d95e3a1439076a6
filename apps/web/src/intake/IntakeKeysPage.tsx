import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Webhook } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useDefinitions } from '../audit/useDefinitions.ts';
import { notifications } from '../shell/notifications.ts';
import { SecretShownOnce } from '../shell/SecretShownOnce.tsx';
import { formatWhen } from '../shell/time.ts';
import { type IntakeKey, useCreateIntakeKey, useIntakeKeys, useRevokeIntakeKey } from './api.ts';

/**
 * Intake keys (admins and leads): the secrets the patient portal or the EHR signs its webhooks and FHIR
 * Communications with, one workflow each. Make one (the secret is shown this once), see when each was
 * last used, revoke.
 */
export function IntakeKeysPage() {
  const keys = useIntakeKeys();
  const definitions = useDefinitions();
  const create = useCreateIntakeKey();
  const revoke = useRevokeIntakeKey();
  const [workflowId, setWorkflowId] = useState<string | null>(null);
  const [made, setMade] = useState<{ workflowId: string; secret: string } | null>(null);
  const [confirming, setConfirming] = useState<IntakeKey | null>(null);

  const published = (definitions.data ?? []).filter((d) => d.latestVersion !== null);
  const titleOf = (id: string) => published.find((d) => d.id === id)?.title ?? id;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!workflowId) return;
    setMade(null);
    const res = await create.mutateAsync(workflowId).catch(() => null);
    if (res) setMade({ workflowId, secret: res.secret });
  }

  async function confirmRevoke() {
    if (!confirming) return;
    try {
      await revoke.mutateAsync(confirming.id);
      notifications.show({
        color: 'teal',
        title: 'Key revoked',
        message: 'Messages signed with it are refused.',
      });
      setConfirming(null);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not revoked', message: (error as Error).message });
    }
  }

  return (
    <Stack p="md" gap="md" maw={1100} data-testid="intake-keys-page">
      <Title order={2}>Intake keys</Title>
      <Text size="sm" c="gray.8">
        The patient portal and the EHR start work here by signing each message with a key of the workflow it
        starts (Standard Webhooks). Give the secret to that system only. Revoke a key as soon as it is no
        longer needed or may have leaked; make the new key first so nothing is refused in between.
      </Text>
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="New intake key">
        <Stack gap="sm">
          <Group align="flex-end" wrap="wrap">
            <Select
              label="Workflow"
              description="It must map webhooks or FHIR Communications onto its start form"
              placeholder="Choose a workflow"
              required
              searchable
              data={published.map((d) => ({ value: d.id, label: d.title }))}
              value={workflowId}
              onChange={setWorkflowId}
              data-testid="intake-workflow"
              w={360}
            />
            <Button
              type="submit"
              leftSection={<Webhook size={16} aria-hidden />}
              loading={create.isPending}
              disabled={!workflowId}
              data-testid="intake-create"
            >
              Create key
            </Button>
          </Group>
          {create.error && (
            <Alert color="red" title="Not created" role="alert">
              {create.error.message}
            </Alert>
          )}
        </Stack>
      </Paper>
      {made && (
        <SecretShownOnce
          title={`Key for “${titleOf(made.workflowId)}” created`}
          secret={made.secret}
          testId="intake-secret"
          onDone={() => setMade(null)}
        />
      )}
      <Title order={3} size="h4">
        Keys
      </Title>
      {keys.isPending ? (
        <Loader role="status" aria-label="Loading intake keys" />
      ) : keys.error ? (
        <Alert color="red" title="Could not load the keys">
          {keys.error.message}
        </Alert>
      ) : keys.data.length === 0 ? (
        <Text c="gray.7" size="sm" data-testid="intake-empty">
          No intake keys.
        </Text>
      ) : (
        <Table striped withTableBorder data-testid="intake-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Workflow</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.data.map((k) => (
              <Table.Tr key={k.id} data-testid="intake-row" data-key-id={k.id} data-status={k.status}>
                <Table.Td>{titleOf(k.workflowId)}</Table.Td>
                <Table.Td className="pf-time">{formatWhen(k.createdAt)}</Table.Td>
                <Table.Td className="pf-time">{k.lastUsedAt ? formatWhen(k.lastUsedAt) : 'never'}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge color={k.status === 'active' ? 'teal.9' : 'red.9'} variant="outline">
                      {k.status}
                    </Badge>
                    {k.revokedAt && (
                      <Text size="xs" c="gray.7">
                        {formatWhen(k.revokedAt)}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {k.status === 'active' && (
                    <Button
                      size="compact-sm"
                      variant="outline"
                      color="red.9"
                      onClick={() => setConfirming(k)}
                      data-testid="intake-revoke"
                      aria-label={`Revoke the key for ${titleOf(k.workflowId)} created ${formatWhen(k.createdAt)}`}
                    >
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title="Revoke this key?"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack>
          <Text size="sm">
            Messages signed with it are refused at once. This cannot be undone: make a new key if the system
            still needs one.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Keep it
            </Button>
            <Button
              color="red.9"
              loading={revoke.isPending}
              onClick={confirmRevoke}
              data-testid="intake-revoke-confirm"
            >
              Revoke
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
