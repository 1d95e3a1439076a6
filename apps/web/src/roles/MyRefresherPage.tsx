import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { acknowledgeRefresher } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BookOpenCheck, CircleCheck, Dumbbell, Printer } from 'lucide-react';
import { Link } from 'react-router';
import { call } from '../api/call.ts';
import { newIdempotencyKey } from '../api/client.ts';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { useMyRefreshers } from './api.ts';
import { PeriodicRefresherCard } from './PeriodicRefresherCard.tsx';
import { RoleChangeList } from './RoleChangeList.tsx';
import type { MyRefreshers } from './types.ts';
import { usePracticeRun } from './usePracticeRun.ts';
import { versionsSince } from './versionsSince.ts';
import './print.css';
import { TODO_COLOR } from './colors.ts';

type Change = MyRefreshers['changes'][number];

function Step({ done, label, when }: { done: boolean; label: string; when: string | null }) {
  return (
    <Group gap={6}>
      {done ? (
        <CircleCheck size={16} color="var(--mantine-color-teal-9)" aria-hidden />
      ) : (
        <span
          aria-hidden
          style={{ width: 16, height: 16, border: '2px solid var(--mantine-color-gray-6)', borderRadius: 8 }}
        />
      )}
      <Text size="sm">
        {label}
        {done && when ? ` — ${formatWhen(when)}` : done ? '' : ' — not yet'}
      </Text>
    </Group>
  );
}

/**
 * "What changed for you": per workflow and role the person holds, what changed since the version they
 * last finished, to read and practise. Versions missed are taken together, not one by one.
 */
export function MyRefresherPage() {
  const mine = useMyRefreshers();
  const client = useQueryClient();
  const practice = usePracticeRun();
  const acknowledge = useMutation({
    mutationFn: (c: Change) =>
      call(acknowledgeRefresher, {
        body: { definitionId: c.definitionId, version: c.version, role: c.role },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['refreshers'] }),
    onError: (error) => notifications.show({ color: 'red', title: 'Not recorded', message: error.message }),
  });

  if (mine.isPending) return <Loader role="status" aria-label="Loading your refreshers" m="md" />;
  if (mine.error)
    return (
      <Alert color="red" m="md" title="Could not load your refreshers">
        {mine.error.message}
      </Alert>
    );
  const open = mine.data.changes.filter((c) => !c.done);
  const done = mine.data.changes.filter((c) => c.done);
  const due = mine.data.periodic.filter((p) => p.due);
  return (
    <Stack p="md" gap="md" className="pf-document" maw={960} data-testid="my-refresher-page">
      <Group justify="space-between">
        <Title order={2}>What changed for you</Title>
        <Button
          variant="default"
          className="pf-no-print"
          leftSection={<Printer size={16} aria-hidden />}
          onClick={() => window.print()}
        >
          Print
        </Button>
      </Group>
      {open.length === 0 && due.length === 0 && (
        <Alert
          color="teal"
          variant="light"
          icon={<CircleCheck size={18} aria-hidden />}
          title="You are up to date"
          data-testid="refresher-up-to-date"
        >
          Nothing in your workflows changed since your last refresher. <Link to="/work">Back to My work</Link>
        </Alert>
      )}
      {open.map((c) => (
        <Paper
          key={`${c.definitionId}-${c.role}`}
          withBorder
          p="md"
          data-testid="refresher-item"
          data-role={c.role}
        >
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={3} size="h4">
                  {c.title}: what changed since version {c.previousVersion}
                </Title>
                <Text size="sm" c="gray.7">
                  For you as {c.roleName} · now version {c.version}, published {formatWhen(c.publishedAt)}
                </Text>
                {c.version - c.previousVersion > 1 && (
                  <Text size="sm" c="gray.8" data-testid="refresher-versions">
                    Since then {versionsSince(c.previousVersion, c.version)} came out: this is what they
                    changed for you, taken together.
                  </Text>
                )}
              </div>
              <Badge color={TODO_COLOR} variant="outline">
                Refresher to do
              </Badge>
            </Group>
            <RoleChangeList change={c.change} />
            {c.practiceNeeded ? (
              <Text size="sm" c="gray.8" data-testid="refresher-practice-hint">
                The practice run starts at the workflow’s first step. You play every step of it to the end,
                your own and the other roles’ (marked “played for practice”). Nothing in it is real or reaches
                anyone.
              </Text>
            ) : (
              <Text size="sm" c="gray.8" data-testid="refresher-read-only">
                Nothing changed in the steps you work yourself, so there is no practice run to do: reading
                what changed finishes this refresher.
              </Text>
            )}
            <Stack gap={4}>
              <Step done={c.acknowledgedAt !== null} label="Read the changes" when={c.acknowledgedAt} />
              {c.practiceNeeded && (
                <Step
                  done={c.practiceDoneAt !== null}
                  label={`Finished a practice run of version ${c.version}`}
                  when={c.practiceDoneAt}
                />
              )}
            </Stack>
            <Group gap="xs" className="pf-no-print">
              <Button
                leftSection={<BookOpenCheck size={16} aria-hidden />}
                variant={c.acknowledgedAt ? 'default' : 'filled'}
                disabled={c.acknowledgedAt !== null}
                loading={acknowledge.isPending && acknowledge.variables === c}
                onClick={() => acknowledge.mutate(c)}
                data-testid="refresher-acknowledge"
              >
                {c.acknowledgedAt ? 'Read' : 'I have read the changes'}
              </Button>
              {c.practiceNeeded && (
                <Button
                  leftSection={<Dumbbell size={16} aria-hidden />}
                  variant="default"
                  loading={practice.isPending && practice.variables === c.definitionId}
                  onClick={() => practice.mutate(c.definitionId)}
                  data-testid="refresher-practice"
                >
                  {c.practiceDoneAt ? 'Practise again' : 'Start the practice run'}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      ))}
      {due.map((p) => (
        <PeriodicRefresherCard
          key={p.scheduleId}
          refresher={p}
          onPractise={(id) => practice.mutate(id)}
          starting={practice.isPending ? (practice.variables ?? null) : null}
        />
      ))}
      {done.length > 0 && (
        <Stack gap={4}>
          <Title order={3} size="h5">
            Done
          </Title>
          {done.map((c) => (
            <Text key={`${c.definitionId}-${c.role}`} size="sm" data-testid="refresher-done">
              <CircleCheck size={14} color="var(--mantine-color-teal-9)" aria-hidden /> {c.title}, up to
              version {c.version} ({c.roleName}) —{' '}
              {c.practiceDoneAt
                ? `practised ${formatWhen(c.practiceDoneAt)}`
                : `read ${formatWhen(c.acknowledgedAt)}`}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
