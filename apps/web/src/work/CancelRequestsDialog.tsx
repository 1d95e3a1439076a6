import { Alert, Button, Group, List, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { cancelInstance } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import type { Task } from '../api/types.ts';
import { notifications } from '../shell/notifications.ts';
import {
  CANCEL_REASONS,
  type CancelResult,
  cancelReason,
  requestsOf,
  summarizeCancel,
} from './cancelRequests.ts';
import { requestLabel } from './requestLabel.ts';

interface Props {
  /** The selected tasks; null while the dialog is closed. */
  tasks: Task[] | null;
  onClose: () => void;
  onDone: () => void;
  titleOf: (definitionId: string) => string;
}

const SHOWN = 8;

/**
 * Ends the requests behind the selected tasks (a duplicate, a request the patient withdrew), with a
 * reason every history keeps. Leads only; the server refuses anyone else. Each request is cancelled
 * on its own, so one that ended meanwhile is reported and the others still go.
 */
export function CancelRequestsDialog({ tasks, onClose, onDone, titleOf }: Props) {
  const client = useQueryClient();
  const [kind, setKind] = useState<string | null>(null);
  const [detail, setDetail] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<CancelResult[] | null>(null);

  useEffect(() => {
    if (!tasks) return;
    setKind(null);
    setDetail('');
    setResults(null);
  }, [tasks]);

  const requests = requestsOf(tasks ?? []);
  const reason = kind ? cancelReason(kind, detail) : '';
  const ready = reason !== '' && !busy;

  async function run() {
    setBusy(true);
    const done: CancelResult[] = [];
    for (const t of requests) {
      try {
        await call(cancelInstance, {
          params: { id: t.instanceId },
          body: { reason },
          idempotencyKey: `cancel-${t.instanceId}`,
        });
        done.push({ instanceId: t.instanceId, outcome: 'cancelled' });
      } catch (error) {
        const ended = error instanceof ApiError && error.status === 409;
        done.push({
          instanceId: t.instanceId,
          outcome: ended ? 'already-ended' : 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    setBusy(false);
    setResults(done);
    notifications.show({
      color: done.every((r) => r.outcome === 'cancelled') ? 'teal' : 'orange',
      title: 'Requests cancelled',
      message: summarizeCancel(done),
    });
    void client.invalidateQueries({ queryKey: ['tasks'] });
    onDone();
  }

  const labelOf = (t: Task) => `${requestLabel(t) ?? t.title} — ${titleOf(t.definitionId)}`;
  return (
    <Modal
      opened={tasks !== null}
      onClose={onClose}
      title={requests.length === 1 ? 'Cancel this request' : `Cancel ${requests.length} requests`}
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
    >
      {results === null ? (
        <Stack gap="sm" data-testid="cancel-requests-form">
          <Text size="sm">
            {requests.length === 1 ? 'This request ends' : 'These requests end'} now:{' '}
            {requests.length === 1 ? 'its' : 'their'} open tasks leave every queue and nobody can act on{' '}
            {requests.length === 1 ? 'it' : 'them'} again. The history is kept, with who cancelled and why.
          </Text>
          <List size="sm" spacing={2}>
            {requests.slice(0, SHOWN).map((t) => (
              <List.Item key={t.instanceId}>{labelOf(t)}</List.Item>
            ))}
          </List>
          {requests.length > SHOWN && (
            <Text size="sm" c="gray.7">
              and {requests.length - SHOWN} more
            </Text>
          )}
          <Select
            label="Why"
            data={[...CANCEL_REASONS]}
            value={kind}
            onChange={setKind}
            placeholder="Choose a reason…"
            withAsterisk
            data-testid="cancel-reason"
          />
          <Textarea
            label={kind === 'Other' ? 'What happened' : 'Details (optional)'}
            withAsterisk={kind === 'Other'}
            description="Written into each request's history"
            autosize
            minRows={2}
            maxLength={1500}
            value={detail}
            onChange={(e) => setDetail(e.currentTarget.value)}
            data-testid="cancel-detail"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Keep {requests.length === 1 ? 'it' : 'them'}
            </Button>
            <Button
              color="red"
              disabled={!ready}
              loading={busy}
              onClick={() => void run()}
              data-testid="cancel-confirm"
            >
              {requests.length === 1 ? 'Cancel the request' : `Cancel ${requests.length} requests`}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm" data-testid="cancel-requests-done">
          <Alert
            color={results.every((r) => r.outcome === 'cancelled') ? 'teal' : 'orange'}
            title={summarizeCancel(results)}
          >
            {results.some((r) => r.outcome === 'already-ended') &&
              'A request that had already finished or been cancelled was left as it was. '}
            {results.some((r) => r.outcome === 'failed') &&
              `Not cancelled: ${results
                .filter((r) => r.outcome === 'failed')
                .map((r) => r.message)
                .join('; ')}`}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="cancel-close">
              Close
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
