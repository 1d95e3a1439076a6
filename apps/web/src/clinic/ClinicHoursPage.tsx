import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Radio,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { clinicHours, type SavedClinicHours, saveClinicHours } from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import { useClinicConfig } from '../shell/clinic.ts';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { localToday } from '../work/form.ts';
import { ApplyHoursToOpen } from './ApplyHoursToOpen.tsx';
import { ClosedDays } from './ClosedDays.tsx';
import { HoursChanges } from './HoursChanges.tsx';
import {
  dayProblem,
  draftOf,
  draftProblem,
  type HoursDraft,
  movedText,
  type Span,
  sameDraft,
  WEEK,
  type Weekday,
  withBreak,
} from './hours.ts';

/**
 * Admins: when the clinic is open. Business-hours deadlines ("call back within 2 business hours")
 * skip the hours and days it is closed. A save applies to requests started after it.
 */
export function ClinicHoursPage({
  canEdit = true,
}: {
  /** Leads and admins: change the hours, and put the requests open now on the saved hours at any time. */
  canEdit?: boolean;
}) {
  const client = useQueryClient();
  // Read here so the page's own times follow a clock saved on it as soon as the configuration reloads.
  useClinicConfig();
  const view = useQuery({ queryKey: ['clinic-hours'], queryFn: () => call(clinicHours, {}) });
  const [draft, setDraft] = useState<HoursDraft | null>(null);
  const [reason, setReason] = useState('');
  const [moveOpen, setMoveOpen] = useState(true);
  useEffect(() => {
    if (view.data && draft === null) setDraft(draftOf(view.data));
  }, [view.data, draft]);
  const save = useMutation({
    mutationFn: (input: { draft: HoursDraft; revision: number }) =>
      call(saveClinicHours, {
        body: {
          hours: input.draft.hours,
          closures: input.draft.closures,
          ...(input.draft.clock ? { clock: input.draft.clock } : {}),
          expectedRevision: input.revision,
          moveOpenRequests: moveOpen,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        },
      }),
    onSuccess: ({ moved, ...saved }: SavedClinicHours) => {
      client.setQueryData(['clinic-hours'], saved);
      void client.invalidateQueries({ queryKey: ['config'] });
      setDraft(draftOf(saved));
      setReason('');
      notifications.show({
        color: 'teal',
        title: 'Clinic hours saved',
        message: movedText(moved),
      });
    },
  });

  if (view.isPending || (view.data && !draft))
    return <Loader role="status" aria-label="Loading the clinic hours" />;
  if (view.error || !draft)
    return (
      <Alert color="red" title="Could not load the clinic hours" m="md">
        {view.error?.message}
      </Alert>
    );
  const data = view.data;
  const problem = draftProblem(draft);
  const changed = !sameDraft(draft, draftOf(data));
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const setDay = (day: Weekday, spans: Span[]) =>
    setDraft({ ...draft, hours: { ...draft.hours, [day]: spans } });

  async function reload() {
    save.reset();
    const fresh = await view.refetch();
    if (fresh.data) setDraft(draftOf(fresh.data));
  }

  return (
    <Stack p="md" gap="md" maw={1000} data-testid="clinic-hours-page">
      <Title order={2}>Clinic hours</Title>
      <Text size="sm" c="gray.8">
        When the clinic is open. Deadlines counted in business hours, such as “call back within 2 business
        hours”, skip the hours and days the clinic is closed. A change applies to requests started after you
        save it and, if you choose, to the requests open now. Times are clinic time ({data.timeZone}).
        {canEdit ? '' : ' Operations leads and admins change them; you see them and every change.'}
      </Text>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          Opening hours
        </Title>
        {/* A disabled fieldset makes every control in it read-only for someone who may only look. */}
        <fieldset disabled={!canEdit} className="pf-plain-fieldset">
          <Table data-testid="week-hours" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={130}>Day</Table.Th>
                <Table.Th w={110}>Open</Table.Th>
                <Table.Th>Hours</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {WEEK.map(([day, name]) => {
                const spans = draft.hours[day] ?? [];
                const open = spans.length > 0;
                const dayIssue = dayProblem(spans);
                return (
                  <Table.Tr key={day} data-testid={`day-${day}`}>
                    <Table.Td fw={600}>{name}</Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={`Open on ${name}`}
                        checked={open}
                        label={open ? 'Open' : 'Closed'}
                        onChange={(e) => setDay(day, e.currentTarget.checked ? [['08:00', '17:00']] : [])}
                      />
                    </Table.Td>
                    <Table.Td>
                      {open && (
                        <Stack gap={6}>
                          {spans.map(([from, to], i) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: a day's hours are edited in place and have no id
                            <Group key={i} gap="xs" wrap="nowrap">
                              <TextInput
                                type="time"
                                aria-label={`${name} opens`}
                                value={from}
                                onChange={(e) =>
                                  setDay(
                                    day,
                                    spans.map((s, j) => (j === i ? [e.currentTarget.value, s[1]] : s)),
                                  )
                                }
                                w={130}
                              />
                              <Text size="sm">to</Text>
                              <TextInput
                                type="time"
                                aria-label={`${name} closes`}
                                value={to}
                                onChange={(e) =>
                                  setDay(
                                    day,
                                    spans.map((s, j) => (j === i ? [s[0], e.currentTarget.value] : s)),
                                  )
                                }
                                w={130}
                              />
                              {spans.length > 1 && (
                                <ActionIcon
                                  variant="subtle"
                                  color="red"
                                  aria-label={`Remove ${name} ${from}–${to}`}
                                  onClick={() =>
                                    setDay(
                                      day,
                                      spans.filter((_, j) => j !== i),
                                    )
                                  }
                                >
                                  <Trash2 size={16} aria-hidden />
                                </ActionIcon>
                              )}
                            </Group>
                          ))}
                          {canEdit && (
                            <Group gap="xs">
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                color="dark"
                                leftSection={<Plus size={12} aria-hidden />}
                                onClick={() => setDay(day, withBreak(spans))}
                              >
                                Add a break
                              </Button>
                            </Group>
                          )}
                          {dayIssue && (
                            <Text size="sm" c="red.8" role="alert">
                              {dayIssue}
                            </Text>
                          )}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </fieldset>
      </Paper>

      <ClosedDays
        closures={draft.closures}
        today={localToday()}
        readOnly={!canEdit}
        onChange={(closures) => setDraft({ ...draft, closures })}
      />

      <Paper withBorder p="md">
        <fieldset disabled={!canEdit} className="pf-plain-fieldset">
          <Radio.Group
            label="Clock"
            description="How every screen writes times: work lists, task histories, notes, the audit timeline."
            value={draft.clock ?? '12-hour'}
            onChange={(value) => setDraft({ ...draft, clock: value === '24-hour' ? '24-hour' : '12-hour' })}
            data-testid="clinic-clock"
          >
            <Group gap="lg" mt="xs">
              <Radio value="12-hour" label="12-hour: 2:30 PM" />
              <Radio value="24-hour" label="24-hour: 14:30" />
            </Group>
          </Radio.Group>
        </fieldset>
      </Paper>

      {canEdit && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <TextInput
              label="Why this change (kept with it)"
              placeholder="Snow day; winter hours from January"
              value={reason}
              maxLength={300}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="hours-reason"
            />
            <Checkbox
              checked={moveOpen}
              onChange={(e) => setMoveOpen(e.currentTarget.checked)}
              label="Also apply to the requests open now"
              description="Their deadlines counted in business hours move with the new hours (a deadline a lead set by hand stays). Each request's history shows the change."
              data-testid="move-open-requests"
            />
            {problem && changed && (
              <Text size="sm" c="red.8" role="alert">
                {problem}
              </Text>
            )}
            <Group>
              <Button
                onClick={() => save.mutate({ draft, revision: data.revision })}
                loading={save.isPending}
                disabled={!changed || problem !== null}
                data-testid="save-hours"
              >
                Save clinic hours
              </Button>
              <Button variant="default" disabled={!changed} onClick={() => setDraft(draftOf(data))}>
                Undo my changes
              </Button>
              <Text size="sm" c="dimmed">
                {data.updatedAt
                  ? `Last saved ${formatWhen(data.updatedAt)} by ${data.updatedBy?.displayName ?? 'a former account'}`
                  : 'Still the hours the server was set up with.'}
              </Text>
            </Group>
            {conflict && (
              <Alert color="orange" role="alert" title="Someone else saved the clinic hours">
                <Stack gap="xs" align="flex-start">
                  <Text size="sm">
                    Your changes were not saved. Load their version, then make your change again.
                  </Text>
                  <Button size="compact-sm" variant="default" onClick={() => void reload()}>
                    Load the latest hours
                  </Button>
                </Stack>
              </Alert>
            )}
            {save.error && !conflict && (
              <Alert color="red" role="alert" title="Not saved">
                {save.error instanceof ApiError ? save.error.message : 'Could not reach the server'}
              </Alert>
            )}
          </Stack>
        </Paper>
      )}

      {canEdit && (
        <ApplyHoursToOpen
          unsaved={changed}
          onApplied={(applied) => {
            client.setQueryData(['clinic-hours'], applied);
            save.reset();
          }}
        />
      )}

      <HoursChanges changes={data.changes} />
    </Stack>
  );
}
