import {
  Alert,
  Badge,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { trackingCsvName } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import type { Me } from '../api/types.ts';
import { clinicRoles, isAuditor, isLead } from '../auth/useMe.ts';
import { usePeople } from '../work/usePeople.ts';
import { useRoleCatalog } from '../work/useRoleCatalog.ts';
import { useRoleName } from '../work/useRoleName.ts';
import { EntriesPanel } from './EntriesPanel.tsx';
import { firstFilters, sheetOptions } from './firstView.ts';
import {
  choiceOf,
  clinicToday,
  PERIOD_CHOICES,
  type PeriodChoice,
  periodFor,
  periodWords,
} from './period.ts';
import { SheetTableView } from './SheetTableView.tsx';
import { TrackingCharts } from './TrackingCharts.tsx';
import type { SheetFilters } from './types.ts';

/**
 * The task tracking sheet: what each person (or role) completed in a period, how fast, what ran late
 * or was escalated, the portal enrollment counts, and work done outside workflows. Staff see their own;
 * leads and auditors see everyone's and per role. Practice runs are never counted.
 */
export function TrackingPage({ me }: { me: Me }) {
  const roles = me.user.roles;
  const everyone = isLead(roles) || isAuditor(roles);
  const [filters, setFilters] = useState<SheetFilters>(firstFilters);
  const { people, nameOf } = usePeople(me);
  const set = (patch: Partial<SheetFilters>) => setFilters((f) => ({ ...f, ...patch }));
  // Today as the page opened: the quick choices end on it (a sheet left open overnight keeps its days).
  const [today] = useState(() => clinicToday());
  const [choice, setChoice] = useState<PeriodChoice>('last-7-days');
  const fromInput = useRef<HTMLInputElement>(null);
  const choose = (value: PeriodChoice) => {
    setChoice(value);
    if (value === 'custom') fromInput.current?.focus();
    else set(periodFor(value, today));
  };
  // Typed days are a quick choice again when they match one.
  const setDay = (patch: Pick<SheetFilters, 'from'> | Pick<SheetFilters, 'to'>) => {
    const next = { from: filters.from, to: filters.to, ...patch };
    setChoice(choiceOf(next, today, choice));
    set(patch);
  };
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(filters.from) && /^\d{4}-\d{2}-\d{2}$/.test(filters.to);

  const sheet = useQuery({ ...sheetOptions(filters), enabled: valid });

  const personOptions = useMemo(
    () =>
      [...people.values()]
        .map((p) => ({ value: p.id, label: p.displayName }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [people],
  );
  // The roles that have work in the clinic's workflows (a step or an escalation is theirs), by their
  // titles as the Team page names them; staff choose among their own. A role with no work has no rows.
  const catalog = useRoleCatalog();
  const roleName = useRoleName();
  const roleOptions = useMemo(() => {
    const withWork = new Set(catalog.data?.keys() ?? []);
    const offered = everyone ? withWork : new Set(clinicRoles(roles).filter((r) => withWork.has(r)));
    if (filters.role) offered.add(filters.role);
    return [...offered]
      .map((r) => ({ value: r, label: roleName(r) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalog.data, everyone, roles, filters.role, roleName]);

  return (
    <Stack p="md" gap="md" data-testid="tracking-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            Task tracking sheet
          </Title>
          <Text size="sm" c="gray.7">
            {everyone ? 'Everyone’s work, per person or per role.' : 'Your work.'} Practice runs are never
            counted.
          </Text>
        </div>
        {sheet.data && (
          <Badge
            tt="none"
            size="lg"
            variant="outline"
            color={sheet.data.check.consistent ? 'teal.9' : 'red.9'}
            leftSection={<ShieldCheck size={14} aria-hidden />}
            data-testid="tracking-check"
          >
            {sheet.data.check.consistent
              ? `Matches the event log (${sheet.data.check.completionEvents} ${sheet.data.check.completionEvents === 1 ? 'completion' : 'completions'})`
              : `Event log ${sheet.data.check.completionEvents} ≠ tasks ${sheet.data.check.completedTasks}`}
          </Badge>
        )}
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap" data-testid="tracking-filters">
        <div>
          <Text size="sm" fw={500} id="tracking-period-label" mb={2}>
            Period
          </Text>
          <SegmentedControl
            aria-labelledby="tracking-period-label"
            value={choice}
            onChange={(v) => choose(v as PeriodChoice)}
            data={[...PERIOD_CHOICES]}
            data-testid="tracking-period"
          />
        </div>
        <TextInput
          ref={fromInput}
          type="date"
          label="From"
          value={filters.from}
          onChange={(e) => setDay({ from: e.currentTarget.value })}
          data-testid="tracking-from"
        />
        <TextInput
          type="date"
          label="To"
          value={filters.to}
          onChange={(e) => setDay({ to: e.currentTarget.value })}
          data-testid="tracking-to"
        />
        {everyone && (
          <>
            <div>
              <Text size="sm" fw={500} id="tracking-view-label" mb={2}>
                View
              </Text>
              <SegmentedControl
                aria-labelledby="tracking-view-label"
                value={filters.view}
                onChange={(v) => set({ view: v as SheetFilters['view'] })}
                data={[
                  { value: 'person', label: 'Per person' },
                  { value: 'role', label: 'Per role' },
                ]}
                data-testid="tracking-view"
              />
            </div>
            <Select
              label="Person"
              placeholder="Everyone"
              data={personOptions}
              value={filters.person || null}
              onChange={(v) => set({ person: v ?? '' })}
              clearable
              searchable
              data-testid="tracking-person"
            />
          </>
        )}
        <Select
          label="Role"
          placeholder="Every role"
          data={roleOptions}
          value={filters.role || null}
          onChange={(v) => set({ role: v ?? '' })}
          clearable
          searchable
          w={320}
          data-testid="tracking-role"
        />
      </Group>
      {valid && (
        <Text size="sm" fw={500} aria-live="polite">
          <span data-testid="tracking-period-words">{periodWords(filters, today, choice)}</span>
          {sheet.data && (
            <Text span size="xs" c="gray.7" fw={400}>
              {' '}
              · days in {sheet.data.period.timeZone}
            </Text>
          )}
        </Text>
      )}
      {!valid ? (
        <Alert color="orange">Choose a start and an end date.</Alert>
      ) : sheet.isPending ? (
        <Loader role="status" aria-label="Loading the tracking sheet" />
      ) : sheet.error ? (
        <Alert color="red" title="The sheet could not be loaded">
          {(sheet.error as Error).message}
        </Alert>
      ) : (
        <>
          <TrackingCharts sheet={sheet.data} />
          {sheet.data.tables.map((table) => (
            <SheetTableView
              key={table.id}
              table={table}
              filters={filters}
              roleTitle={filters.role ? roleName(filters.role) : undefined}
              fileName={trackingCsvName({
                table: table.id,
                from: filters.from,
                to: filters.to,
                view: filters.view,
                ...(filters.role ? { role: filters.role } : {}),
                ...(everyone && filters.person
                  ? { person: people.get(filters.person)?.displayName ?? filters.person }
                  : {}),
              })}
            />
          ))}
        </>
      )}
      {valid && (
        <EntriesPanel
          from={filters.from}
          to={filters.to}
          person={everyone ? filters.person : ''}
          meId={me.user.id}
          lead={isLead(roles)}
          canWrite={isLead(roles) || clinicRoles(roles).length > 0}
          nameOf={nameOf}
          people={personOptions}
          {...(everyone && filters.role
            ? {
                role: {
                  title: roleName(filters.role),
                  holders: new Set(
                    [...people.values()].filter((p) => p.roles.includes(filters.role)).map((p) => p.id),
                  ),
                },
              }
            : {})}
        />
      )}
    </Stack>
  );
}
