import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type ActiveStepView, endWait } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Hourglass } from 'lucide-react';
import { useState } from 'react';
import { call } from '../api/call.ts';
import { newIdempotencyKey } from '../api/client.ts';
import { notifications } from '../shell/notifications.ts';
import { dueTime } from './dueTime.ts';

interface Props {
  instanceId: string;
  /** The request's open steps: the waits among them that the reader's roles may end early are offered. */
  active: readonly ActiveStepView[];
  roles: readonly string[];
  now: number;
  /** The request moved on: the panel reads it again. */
  onEnded: () => void;
}

/**
 * A wait of this request that the reader's role may end before its time (a result held until the
 * provider has talked with the patient): said, with when it goes on by itself, and ended here with a
 * reason that goes into the request's history.
 */
export function EndWaitEarly({ instanceId, active, roles, now, onEnded }: Props) {
  const waits = active.filter((a) => a.kind === 'wait' && a.endEarlyBy && roles.includes(a.endEarlyBy));
  if (waits.length === 0) return null;
  return (
    <Stack gap="xs">
      {waits.map((w) => (
        <EndWaitOffer
          key={w.token}
          instanceId={instanceId}
          wait={{ token: w.token, title: w.title, due: w.due }}
          now={now}
          onEnded={onEnded}
        />
      ))}
    </Stack>
  );
}

/** One wait the reader's role may end now: on a task of the request, or in a status lookup. */
export function EndWaitOffer({
  instanceId,
  wait,
  now,
  onEnded,
}: {
  instanceId: string;
  wait: Pick<ActiveStepView, 'token' | 'title' | 'due'>;
  now: number;
  onEnded: () => void;
}) {
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const end = useMutation({
    mutationFn: () =>
      call(endWait, {
        params: { id: instanceId },
        body: { token: wait.token, reason: reason.trim() },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        title: 'Ended now',
        message: `“${wait.title}” is over: the request goes on to its next step. Your reason is in its history.`,
      });
      void client.invalidateQueries({ queryKey: ['tasks'] });
      onEnded();
    },
  });
  const until = wait.due ? dueTime(wait.due, now) : null;
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<Hourglass size={16} aria-hidden />}
      title={`Waiting: ${wait.title}`}
      data-testid="end-wait-offer"
    >
      <Stack gap="xs">
        <Text size="sm">
          {until ? `It goes on by itself by ${until.when} at the latest. ` : ''}
          Your role may end it now, for example once you have talked with the patient.
        </Text>
        {!asking ? (
          <Group>
            <Button size="xs" variant="default" onClick={() => setAsking(true)} data-testid="end-wait-start">
              End the wait now
            </Button>
          </Group>
        ) : (
          <>
            <Textarea
              label="Why it can end now"
              description="Kept in the request's history, e.g. “Called the patient and went over the result; release now.”"
              autosize
              minRows={2}
              maxLength={2000}
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="end-wait-reason"
            />
            {end.isError && (
              <Text size="sm" c="red.8" data-testid="end-wait-error">
                {end.error.message}
              </Text>
            )}
            <Group gap="xs">
              <Button
                size="xs"
                onClick={() => end.mutate()}
                loading={end.isPending}
                disabled={reason.trim() === ''}
                data-testid="end-wait-confirm"
              >
                End it now
              </Button>
              <Button size="xs" variant="default" onClick={() => setAsking(false)} disabled={end.isPending}>
                Keep waiting
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Alert>
  );
}
