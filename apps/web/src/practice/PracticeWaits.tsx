import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { listPracticeWaits, type PracticeWait, playPracticeWait } from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import type { InstanceView } from '../api/types.ts';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { requestNumber } from '../work/requestLabel.ts';
import { PracticeBadge } from './PracticeBadge.tsx';
import { answerHint, answerLabel, waitHeading } from './waitText.ts';

/**
 * The waiting steps of the person's own practice runs, in the practice list. Nobody sends a sandbox
 * the payer's answer or the patient's reply, and a wait's time may be weeks away, so the person who
 * started the run plays it: the outside answer, or letting the time pass. Read again whenever work
 * changes (under `tasks`, which live updates refresh).
 */
export function PracticeWaits({ onPlayed }: { onPlayed: (instance: InstanceView) => void }) {
  const client = useQueryClient();
  const waits = useQuery({
    queryKey: ['tasks', 'practice-waits'],
    queryFn: () => call(listPracticeWaits, {}),
    refetchInterval: 60_000,
  });
  const play = useMutation({
    mutationFn: (v: { wait: PracticeWait; answer: 'signal' | 'time' }) =>
      call(playPracticeWait, {
        params: { id: v.wait.instanceId },
        body: { token: v.wait.token, answer: v.answer },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: ({ instance }) => {
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['practice'] });
      onPlayed(instance);
    },
    onError: (e) => {
      void client.invalidateQueries({ queryKey: ['tasks', 'practice-waits'] });
      notifications.show({
        color: 'red',
        title: 'Could not play the waiting step',
        message: e instanceof ApiError ? e.message : 'Try again',
      });
    },
  });
  const items = waits.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" m="sm" mb={0} data-testid="practice-waits">
      {items.map((w) => (
        <Paper
          key={w.id}
          withBorder
          p="sm"
          data-testid="practice-wait"
          data-instance-id={w.instanceId}
          style={{ borderColor: 'var(--mantine-color-grape-9)' }}
        >
          <Stack gap={6}>
            <Group gap={6}>
              <PracticeBadge size="xs" />
              <Text size="xs" c="gray.7">
                {w.definitionTitle} · request {requestNumber(w.instanceId)}
              </Text>
            </Group>
            <Title order={3} size="h5">
              {waitHeading(w.title)}
            </Title>
            <Text size="sm">
              In a real request this step waits for the outside world. Nobody answers a practice run, so you
              choose what happens, as you play every other step.
            </Text>
            <Group gap="md" align="flex-start">
              {w.answers.map((a) => (
                <Stack key={a.answer} gap={2} maw={320} align="flex-start">
                  <Button
                    size="compact-sm"
                    color="grape.9"
                    variant={a.answer === 'signal' ? 'filled' : 'outline'}
                    loading={
                      play.isPending && play.variables?.wait.id === w.id && play.variables.answer === a.answer
                    }
                    disabled={play.isPending && play.variables?.wait.id === w.id}
                    onClick={() => play.mutate({ wait: w, answer: a.answer })}
                    data-testid={`practice-wait-answer-${a.answer}`}
                  >
                    {answerLabel(a)}
                  </Button>
                  <Text size="xs" c="gray.7">
                    {answerHint(a, (iso) => formatWhen(iso))}
                  </Text>
                </Stack>
              ))}
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
