import { ActionIcon, Alert, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { deleteRefresherSchedule } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { call } from '../api/call.ts';
import type { Me } from '../api/types.ts';
import { isLead } from '../auth/useMe.ts';
import { notifications } from '../shell/notifications.ts';
import { useRefresherOverview } from './api.ts';
import { RealPracticeSection } from './RealPracticeSection.tsx';
import { RoleRefresherCard } from './RoleRefresherCard.tsx';
import { ScheduleForm, type SchedulePreset } from './ScheduleForm.tsx';
import { SchedulePerson } from './SchedulePerson.tsx';
import './print.css';

/** Training records for leads and auditors: who has done each refresher, and the regular schedules. */
export function RefreshersPage({ me }: { me: Me }) {
  const overview = useRefresherOverview();
  const client = useQueryClient();
  const lead = isLead(me.user.roles);
  const [preset, setPreset] = useState<SchedulePreset | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => call(deleteRefresherSchedule, { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['refreshers'] }),
    onError: (error) => notifications.show({ color: 'red', title: 'Not removed', message: error.message }),
  });
  if (overview.isPending) return <Loader role="status" aria-label="Loading refreshers" m="md" />;
  if (overview.error)
    return (
      <Alert color="red" m="md" title="Could not load refreshers">
        {overview.error.message}
      </Alert>
    );
  const { changes, schedules } = overview.data;
  return (
    <Stack p="md" gap="lg" className="pf-document" data-testid="refreshers-page">
      <Title order={2}>Refresher training</Title>
      <section>
        <Title order={3} size="h4" mb="xs">
          After published changes
        </Title>
        {changes.length === 0 && (
          <Text size="sm" c="gray.7">
            No published version has changed anyone's job yet. When one does, the people holding the role are
            asked to read what changed since the version they last finished and do a practice run.
          </Text>
        )}
        <Stack gap="md">
          {changes.map((r) => (
            <RoleRefresherCard key={`${r.definitionId}-${r.role}`} refresher={r} />
          ))}
        </Stack>
      </section>
      <RealPracticeSection
        practice={overview.data.practice}
        onPlan={
          lead
            ? (role) => {
                setPreset({ role, definitionId: null });
                document.getElementById('regular-refreshers')?.scrollIntoView({ block: 'start' });
              }
            : undefined
        }
      />
      <section id="regular-refreshers">
        <Title order={3} size="h4" mb="xs">
          Regular refreshers
        </Title>
        {lead && <ScheduleForm preset={preset} />}
        <Stack gap="sm" mt="sm">
          {schedules.length === 0 && (
            <Text size="sm" c="gray.7">
              No regular refresher is scheduled.
            </Text>
          )}
          {schedules.map((s) => (
            <Paper key={s.id} withBorder p="sm" data-testid="schedule-row">
              <Group justify="space-between">
                <Text fw={600}>
                  Every {s.everyDays} days:{' '}
                  {s.title
                    ? [s.roleName, s.title].filter(Boolean).join(' in ')
                    : `${s.roleName}, each workflow of the role`}
                </Text>
                {lead && (
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    aria-label="Remove this schedule"
                    onClick={() => remove.mutate(s.id)}
                    className="pf-no-print"
                  >
                    <Trash2 size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
              <Group gap="xs" mt={4}>
                {s.people.map((p) => (
                  <SchedulePerson key={p.id} person={p} />
                ))}
                {s.people.length === 0 && (
                  <Text size="sm" c="gray.7">
                    Nobody holds a role it covers.
                  </Text>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
