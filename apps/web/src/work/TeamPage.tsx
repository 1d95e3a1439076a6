import { Alert, Button, Group, Pagination, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CircleCheck, CircleX, FilterX, Shuffle, UserMinus, UserX } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { Task } from '../api/types.ts';
import { isLead, useMe } from '../auth/useMe.ts';
import { EmptyState } from '../shell/EmptyState.tsx';
import { UnderHeading } from '../shell/headingLevel.tsx';
import { BarLegend } from './BarLegend.tsx';
import { CancelRequestsDialog } from './CancelRequestsDialog.tsx';
import { ReassignDialog, type ReassignMode } from './ReassignDialog.tsx';
import { RequestStatusButton } from './RequestStatus.tsx';
import { TeamFilterBar } from './TeamFilterBar.tsx';
import { TeamTable } from './TeamTable.tsx';
import { fetchAllTasks } from './taskApi.ts';
import {
  filterTeamTasks,
  NO_TEAM_FILTERS,
  type TeamFilters,
  toggle,
  unstaffedPools,
  workload,
} from './team.ts';
import { useDefinitionTitles } from './useDefinitionTitles.ts';
import { useNow } from './useNow.ts';
import { usePeople } from './usePeople.ts';
import { useRoleCatalog } from './useRoleCatalog.ts';
import { useRoleName } from './useRoleName.ts';
import { WorkloadTable } from './WorkloadTable.tsx';
import classes from './work.module.css';

const PAGE_SIZE = 50;

/**
 * Team (leads): every open task in a dense table with filters, the workload per role, bulk
 * reassignment of a selection, and "reassign everything of an absent colleague".
 */
export function TeamPage() {
  const me = useMe().data;
  const now = useNow();
  const { titleOf } = useDefinitionTitles();
  const { people, known, nameOf } = usePeople(me);
  const catalog = useRoleCatalog();
  const roleName = useRoleName();
  const all = useQuery({
    queryKey: ['tasks', 'all'],
    queryFn: () => fetchAllTasks({ scope: 'all' }, 5000),
    refetchInterval: 60_000,
  });
  const [filters, setFilters] = useState<TeamFilters>(NO_TEAM_FILTERS);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<ReassignMode | null>(null);
  const [cancelling, setCancelling] = useState<Task[] | null>(null);
  const lead = isLead(me?.user.roles ?? []);

  const tasks = all.data ?? [];
  const matching = useMemo(() => filterTeamTasks(tasks, filters, now), [tasks, filters, now]);
  const load = useMemo(() => workload(tasks, now), [tasks, now]);
  // Only once the staff list is in: before that every pool would look unstaffed.
  const unstaffed = useMemo(
    () =>
      known
        ? unstaffedPools(
            tasks,
            new Set([...people.values()].filter((p) => !p.disabled).flatMap((p) => p.roles)),
          )
        : [],
    [tasks, people, known],
  );
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = matching.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  // Only what is still open counts as selected (a live update may have closed some).
  const liveSelected = useMemo(() => {
    const open = new Set(tasks.map((t) => t.id));
    return [...selected].filter((id) => open.has(id));
  }, [tasks, selected]);

  const workflowOptions = useMemo(
    () =>
      [...new Set(tasks.map((t) => t.definitionId))]
        .map((id) => ({ value: id, label: titleOf(id) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [tasks, titleOf],
  );
  const roles = useMemo(() => [...new Set(tasks.map((t) => t.role))].sort(), [tasks]);
  const allRoles = useMemo(() => {
    const set = new Set(roles);
    for (const r of catalog.data?.keys() ?? []) set.add(r);
    for (const p of people.values())
      if (!p.disabled) for (const r of p.roles) if (!['admin', 'designer', 'auditor'].includes(r)) set.add(r);
    return [...set].sort();
  }, [roles, people, catalog.data]);
  const assigneeOptions = useMemo(
    () =>
      [...new Set(tasks.map((t) => t.assignee).filter((a): a is string => !!a))]
        .map((id) => ({ value: id, label: nameOf(id, `User ${id.slice(0, 8)}`) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [tasks, nameOf],
  );

  const changeFilters = (f: TeamFilters) => {
    setFilters(f);
    setPage(1);
  };

  return (
    <div className={classes.teamPage} data-testid="team-page">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2} size="h3">
              Team
            </Title>
            <Text size="sm" c="gray.7">
              Every open task across the clinic. Select tasks to reassign them or to cancel their requests (a
              duplicate, a request the patient withdrew), or move an absent colleague's work.
            </Text>
          </div>
          <Group gap="xs">
            <Button
              leftSection={<Shuffle size={16} aria-hidden />}
              disabled={liveSelected.length === 0}
              onClick={() => setDialog({ kind: 'selected', taskIds: liveSelected })}
              data-testid="bulk-reassign-button"
            >
              Reassign selected{liveSelected.length > 0 ? ` (${liveSelected.length})` : ''}
            </Button>
            {lead && (
              <Button
                variant="default"
                color="red"
                leftSection={<CircleX size={16} aria-hidden />}
                disabled={liveSelected.length === 0}
                onClick={() => setCancelling(tasks.filter((t) => liveSelected.includes(t.id)))}
                data-testid="cancel-requests-button"
              >
                Cancel requests…
              </Button>
            )}
            <Button
              variant="default"
              leftSection={<UserMinus size={16} aria-hidden />}
              onClick={() => setDialog({ kind: 'absent' })}
              data-testid="absent-reassign-button"
            >
              Colleague absent…
            </Button>
            <RequestStatusButton />
          </Group>
        </Group>

        {all.isError ? (
          <Alert color="red" title="Could not load open tasks">
            {all.error.message}{' '}
            <Button size="compact-xs" variant="light" onClick={() => void all.refetch()}>
              Try again
            </Button>
          </Alert>
        ) : (
          <>
            {unstaffed.length > 0 && (
              <Alert
                color="red"
                variant="light"
                icon={<UserX size={16} aria-hidden />}
                title={
                  unstaffed.length === 1
                    ? 'Open work in a pool nobody holds'
                    : `Open work in ${unstaffed.length} pools nobody holds`
                }
                data-testid="unstaffed-pools"
              >
                <Stack gap={4}>
                  {unstaffed.map((u) => (
                    <Group key={u.role} gap="xs">
                      <Text size="sm">
                        <b>{roleName(u.role)}</b>: {u.open} open {u.open === 1 ? 'task' : 'tasks'} nobody sees
                        in My work.
                      </Text>
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="red"
                        onClick={() => changeFilters({ ...filters, role: u.role })}
                      >
                        Show them
                      </Button>
                    </Group>
                  ))}
                  <Text size="xs">
                    Select them below and reassign to a role people hold, or ask an admin to give someone the
                    role.
                  </Text>
                </Stack>
              </Alert>
            )}
            <Paper withBorder p="sm" component="section" aria-labelledby="workload-title">
              <Group justify="space-between" mb={6}>
                <Title order={3} size="h5" id="workload-title">
                  Workload per role
                </Title>
                <Group gap="sm" wrap="wrap">
                  <BarLegend color="red.7" label="overdue" />
                  <BarLegend color="teal.6" label="assigned" />
                  <BarLegend color="gray.4" label="unassigned" />
                  <Text size="xs" c="gray.7">
                    {filters.role
                      ? `Showing only ${roleName(filters.role)} — choose it again to show all`
                      : 'Choose a role to filter the table'}
                  </Text>
                </Group>
              </Group>
              {all.isPending ? (
                <Skeleton height={56} />
              ) : (
                <WorkloadTable
                  rows={load}
                  activeRole={filters.role}
                  onPickRole={(role) => changeFilters({ ...filters, role })}
                />
              )}
            </Paper>
            <TeamFilterBar
              filters={filters}
              onChange={changeFilters}
              workflows={workflowOptions}
              roles={roles}
              assignees={assigneeOptions}
            />
            <Group justify="space-between">
              <Text size="xs" c="gray.7" aria-live="polite">
                {all.isPending
                  ? 'Loading…'
                  : `${matching.length} of ${tasks.length} open tasks${liveSelected.length ? ` · ${liveSelected.length} selected` : ''}`}
              </Text>
              {liveSelected.length > 0 && (
                <Button size="compact-xs" variant="subtle" onClick={() => setSelected(new Set())}>
                  Clear selection
                </Button>
              )}
            </Group>
            {all.isPending ? (
              <Stack gap={6} role="status" aria-busy="true" aria-label="Loading tasks">
                {[0, 1, 2, 3, 4, 5].map((i) => (
                  <Skeleton key={i} height={26} />
                ))}
              </Stack>
            ) : matching.length === 0 ? (
              // Under the page's "Team": the empty table's title is the next heading down.
              <UnderHeading level={2}>
                {tasks.length === 0 ? (
                  <EmptyState
                    icon={<CircleCheck size={28} aria-hidden />}
                    title="No open work"
                    description="Every task is done. New requests will show up here as workflows start."
                    data-testid="team-empty"
                  />
                ) : (
                  <EmptyState
                    icon={<FilterX size={28} aria-hidden />}
                    title="No tasks match these filters"
                    data-testid="team-empty"
                  >
                    <EmptyState.Actions>
                      <Button size="xs" variant="light" onClick={() => changeFilters(NO_TEAM_FILTERS)}>
                        Clear filters
                      </Button>
                    </EmptyState.Actions>
                  </EmptyState>
                )}
              </UnderHeading>
            ) : (
              <>
                <TeamTable
                  tasks={shown}
                  matching={matching}
                  selected={selected}
                  onToggle={(id) => setSelected((s) => toggle(s, id))}
                  onSelectAll={(ids) => setSelected(new Set(ids ?? []))}
                  now={now}
                  titleOf={titleOf}
                  nameOf={nameOf}
                />
                {pages > 1 && (
                  <Pagination
                    total={pages}
                    value={current}
                    onChange={setPage}
                    size="sm"
                    aria-label="Pages of tasks"
                    getControlProps={(control) => ({ 'aria-label': `${control} page` })}
                  />
                )}
              </>
            )}
          </>
        )}
      </Stack>
      <CancelRequestsDialog
        tasks={cancelling}
        onClose={() => setCancelling(null)}
        onDone={() => setSelected(new Set())}
        titleOf={titleOf}
      />
      <ReassignDialog
        mode={dialog}
        onClose={() => setDialog(null)}
        onDone={() => setSelected(new Set())}
        tasks={tasks}
        roles={allRoles}
        people={people}
        nameOf={nameOf}
      />
    </div>
  );
}
