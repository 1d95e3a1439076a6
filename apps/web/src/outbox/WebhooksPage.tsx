import {
  Alert,
  Button,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Webhook } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { notifications } from '../shell/notifications.ts';
import { SecretShownOnce } from '../shell/SecretShownOnce.tsx';
import { formatWhen } from '../shell/time.ts';
import {
  type CreateSubscriptionBody,
  useCreateSubscription,
  useRemoveSubscription,
  useSubscriptions,
} from './api.ts';
import { DeliveryTable } from './DeliveryTable.tsx';
import { kindWords } from './deliveryWords.ts';
import { ReceiverHealth } from './ReceiverHealth.tsx';
import { RemoveSubscription } from './RemoveSubscription.tsx';
import { SecretRotation } from './SecretRotation.tsx';
import { TestEmail } from './TestEmail.tsx';
import { TestEvent } from './TestEvent.tsx';

/** The form's fields, in its order, by their place in the body: each input's id. */
const INPUTS = { url: 'webhook-url', events: 'webhook-events' };
/** Refusals with their own code that are about the receiver's address. */
const ABOUT_URL = { WEBHOOK_ADDRESS_PRIVATE: 'url', WEBHOOK_ALREADY_SUBSCRIBED: 'url' };

/**
 * Admin: which systems hear about instance events (signed per Standard Webhooks; payloads carry ids
 * and kinds, never patient data), and every delivery of email and webhooks, with re-send for dead ones.
 */
export function WebhooksPage() {
  const subs = useSubscriptions();
  const create = useCreateSubscription();
  const remove = useRemoveSubscription();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['*']);
  const [made, setMade] = useState<string | null>(null);
  /** A rotated subscription's new secret, shown once. */
  const [rotated, setRotated] = useState<string | null>(null);
  /** The subscription whose removal is being asked about. */
  const [removing, setRemoving] = useState<{ id: string; url: string } | null>(null);
  const focusRefused = useFocusFirstRefused();
  const refusal = refusalOf(create.error, Object.keys(INPUTS), ABOUT_URL);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMade(null);
    // The choices come from the server's own list of event types.
    const chosen = events as CreateSubscriptionBody['events'];
    const res = await create.mutateAsync({ url: url.trim(), events: chosen }).catch((error: unknown) => {
      focusRefused(refusalOf(error, Object.keys(INPUTS), ABOUT_URL).fields, INPUTS);
      return null;
    });
    if (res) {
      setMade(res.secret);
      setUrl('');
    }
  }

  async function stop(id: string) {
    try {
      await remove.mutateAsync(id);
      notifications.show({
        color: 'teal',
        title: 'Subscription removed',
        message: 'Nothing more is sent to it.',
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not removed', message: (error as Error).message });
    } finally {
      setRemoving(null);
    }
  }

  return (
    <Stack p="md" gap="md" maw={1200} data-testid="webhooks-page">
      <Title order={2}>Webhooks and deliveries</Title>
      <Text size="sm" c="gray.8">
        A subscription sends instance and task events to another system, signed with its secret (Standard
        Webhooks). Payloads carry ids and event kinds only, never patient data. Failed deliveries are retried
        with growing waits and set aside as dead after the limit.
      </Text>
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="New webhook subscription">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Receiver URL"
            required
            type="url"
            placeholder="https://ehr.example/hooks/portalflow"
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              // The server's words were about what was sent: a changed address is not refused yet.
              if (refusal.fields.url) create.reset();
            }}
            id={INPUTS.url}
            error={refusal.fields.url}
            data-testid="webhook-url"
            w={420}
          />
          <MultiSelect
            label="Events"
            data={['*', ...(subs.data?.events ?? [])].map((v) => ({
              value: v,
              label: kindWords(v),
            }))}
            value={events}
            onChange={(chosen) => {
              setEvents(chosen);
              if (refusal.fields.events) create.reset();
            }}
            id={INPUTS.events}
            error={refusal.fields.events}
            w={360}
            data-testid="webhook-events"
          />
          <Button
            type="submit"
            leftSection={<Webhook size={16} aria-hidden />}
            loading={create.isPending}
            disabled={events.length === 0}
            data-testid="webhook-create"
          >
            Subscribe
          </Button>
        </Group>
        {refusal.above && (
          <Alert color="red" title="Not created" role="alert" mt="sm">
            {refusal.above}
          </Alert>
        )}
      </Paper>
      {made && (
        <SecretShownOnce
          title={'Subscription created'}
          secret={made}
          testId="webhook-secret"
          hint="Give this signing secret to the receiver now: it is shown only this once."
        />
      )}
      {rotated && (
        <SecretShownOnce
          title="New signing secret"
          secret={rotated}
          testId="webhook-new-secret"
          hint="Give this new secret to the receiver now: it is shown only this once. Until you press Finish rotation, every delivery is signed with both the new and the old secret, so the receiver can switch whenever it is ready."
        />
      )}
      <Title order={3} size="h4">
        Subscriptions
      </Title>
      {subs.error ? (
        <Alert color="red" title="Could not load subscriptions">
          {subs.error.message}
        </Alert>
      ) : (
        <Table striped withTableBorder data-testid="webhooks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>URL</Table.Th>
              <Table.Th>Events</Table.Th>
              <Table.Th>Deliveries</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {subs.data?.subscriptions.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="gray.7" data-testid="webhooks-empty">
                    No receivers subscribed yet: type a receiver URL above, choose its events, and Subscribe.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {(subs.data?.subscriptions ?? []).map((s) => (
              <Table.Tr key={s.id} data-testid="webhook-row">
                <Table.Td style={{ wordBreak: 'break-all' }}>{s.url}</Table.Td>
                <Table.Td>{s.events.map(kindWords).join(', ')}</Table.Td>
                <Table.Td>
                  {!s.disabledAt && (
                    <ReceiverHealth health={subs.data?.health.find((x) => x.subscriptionId === s.id)} />
                  )}
                </Table.Td>
                <Table.Td className="pf-time">{formatWhen(s.createdAt)}</Table.Td>
                <Table.Td>
                  {s.disabledAt ? (
                    <Text size="xs" c="gray.7">
                      removed {formatWhen(s.disabledAt)}
                    </Text>
                  ) : (
                    <Group gap="xs" align="flex-start">
                      <TestEvent id={s.id} />
                      <SecretRotation id={s.id} rotating={s.rotating} onNewSecret={setRotated} />
                      <Button
                        size="compact-sm"
                        variant="default"
                        color="red"
                        onClick={() => setRemoving({ id: s.id, url: s.url })}
                      >
                        Remove
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RemoveSubscription
        url={removing?.url ?? null}
        busy={remove.isPending}
        onRemove={() => removing && void stop(removing.id)}
        onClose={() => setRemoving(null)}
      />
      <TestEmail />
      <Title order={3} size="h4">
        Deliveries
      </Title>
      <DeliveryTable />
    </Stack>
  );
}
