import { Button, Group, NumberInput, Select } from '@mantine/core';
import { addRefresherSchedule } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { call } from '../api/call.ts';
import { newIdempotencyKey } from '../api/client.ts';
import { useDefinitionList } from '../api/useDefinitionList.ts';
import { notifications } from '../shell/notifications.ts';
import { useRoles } from './api.ts';

/** What another part of the page asks the form to start from (a role with little practice). */
export interface SchedulePreset {
  role: string | null;
  definitionId: string | null;
}

/** A lead schedules a regular refresher: every N days, for a role, a workflow, or a role in one workflow. */
export function ScheduleForm({ preset }: { preset?: SchedulePreset | null }) {
  const client = useQueryClient();
  const roles = useRoles();
  const definitions = useDefinitionList();
  const [role, setRole] = useState<string | null>(null);
  const [definitionId, setDefinitionId] = useState<string | null>(null);
  const days = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!preset) return;
    setRole(preset.role);
    setDefinitionId(preset.definitionId);
    // Keyboard users land where the plan goes on: how often, then Schedule.
    days.current?.focus();
  }, [preset]);
  const [everyDays, setEveryDays] = useState<number | string>(90);
  const add = useMutation({
    mutationFn: () =>
      call(addRefresherSchedule, {
        body: {
          ...(role ? { role } : {}),
          ...(definitionId ? { definitionId } : {}),
          everyDays: Number(everyDays),
        },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['refreshers'] });
      notifications.show({ color: 'teal', title: 'Scheduled', message: 'People see it when it falls due.' });
      setRole(null);
      setDefinitionId(null);
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not scheduled', message: error.message }),
  });
  return (
    <Group align="flex-end" gap="sm" data-testid="schedule-form" className="pf-no-print">
      <Select
        label="Role"
        placeholder="Any role in the workflow"
        clearable
        searchable
        data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
        value={role}
        onChange={setRole}
        w={260}
        data-testid="schedule-role"
      />
      <Select
        label="Workflow"
        placeholder="Every workflow of the role"
        clearable
        searchable
        data={(definitions.data ?? [])
          .filter((d) => d.latestVersion !== null)
          .map((d) => ({ value: d.id, label: d.title }))}
        value={definitionId}
        onChange={setDefinitionId}
        w={300}
        data-testid="schedule-workflow"
      />
      <NumberInput
        label="Every (days)"
        min={1}
        max={3650}
        value={everyDays}
        onChange={setEveryDays}
        ref={days}
        w={130}
        data-testid="schedule-days"
      />
      <Button
        onClick={() => add.mutate()}
        loading={add.isPending}
        disabled={(!role && !definitionId) || !(Number(everyDays) >= 1)}
        data-testid="schedule-add"
      >
        Schedule
      </Button>
    </Group>
  );
}
