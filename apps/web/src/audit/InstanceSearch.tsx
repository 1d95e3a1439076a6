import {
  Badge,
  Box,
  Button,
  Group,
  Loader,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { InstanceStatus, listInstances, searchInstances } from '@portalflow/contract';
import { chartNumber, idToWords } from '@portalflow/engine';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FileSearch, SearchX, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type CallInput, call } from '../api/call.ts';
import type { InstanceRow, Page } from '../api/types.ts';
import { countOf } from '../shell/plural.ts';
import { formatWhen } from '../shell/time.ts';
import { CHART_NUMBER_EXAMPLE } from '../work/chartExample.ts';
import { requestLabel } from '../work/requestLabel.ts';
import { AuditError } from './AuditError.tsx';
import { FILTER_MAX, tooLong } from './filterLength.ts';
import { PagingBar } from './PagingBar.tsx';
import { isDay, periodBounds } from './period.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { UserRef } from './UserRef.tsx';
import { useCursorPaging } from './useCursorPaging.ts';
import { useDefinitions } from './useDefinitions.ts';
import { useTypedFilter } from './useTypedFilter.ts';

const PAGE_SIZE = 25;
type ListQuery = NonNullable<CallInput<typeof listInstances>['query']>;

const FILTERS = ['workflow', 'status', 'from', 'to', 'person', 'practice'] as const;

/**
 * Find instances by workflow, start date, status and a person who took part. The filters live in the
 * URL (no patient data in them), so Back from a replay returns to the same search.
 */
export function InstanceSearch() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const definitions = useDefinitions();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;

  const set = (key: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  // Searches by patient reference and person name stay in the page, never in the URL: a reference
  // is patient data. They apply when typing pauses and go to the server in a POST body.
  const [patient, setPatient] = useState('');
  const [personName, setPersonName] = useState('');
  const [patientText, setPatientText] = useTypedFilter(patient, setPatient, (v) => v.length <= FILTER_MAX);
  const [nameText, setNameText] = useTypedFilter(
    personName,
    setPersonName,
    (v) => v === '' || (v.length >= 2 && v.length <= FILTER_MAX),
  );
  const searching = patient !== '' || personName !== '';

  // Parsed, not cast: a status the contract does not know is simply no filter.
  const status = InstanceStatus.safeParse(filters.status).data;
  const bounds = periodBounds(filters.from, filters.to);
  const listQuery: ListQuery = {
    ...(filters.workflow ? { definitionId: filters.workflow } : {}),
    ...(status ? { status } : {}),
    ...(bounds.from ? { from: bounds.from } : {}),
    ...(bounds.to ? { to: bounds.to } : {}),
    ...(filters.person ? { person: filters.person } : {}),
    ...(filters.practice === 'true' ? { practice: 'true' as const } : {}),
    limit: PAGE_SIZE,
  };
  const filterKey = `${JSON.stringify(listQuery)}|${patient}|${personName}`;
  const paging = useCursorPaging(filterKey);
  if (paging.cursor) listQuery.cursor = paging.cursor;
  const searchBody = {
    ...(patient ? { patient } : {}),
    ...(personName ? { personName } : {}),
    ...(filters.workflow ? { definitionId: filters.workflow } : {}),
    ...(status ? { status } : {}),
    // The period applies to a search as to the list: dropping it would answer another question.
    ...(bounds.from ? { from: bounds.from } : {}),
    ...(bounds.to ? { to: bounds.to } : {}),
    ...(filters.practice === 'true' ? { practice: true } : {}),
    limit: PAGE_SIZE,
    ...(paging.cursor ? { cursor: paging.cursor } : {}),
  };

  const datesReversed = isDay(filters.from) && isDay(filters.to) && filters.from > filters.to;
  const results = useQuery({
    queryKey: ['audit', 'instances', JSON.stringify(listQuery), patient, personName],
    queryFn: (): Promise<Page<InstanceRow>> => {
      // A search names its requests as the unfiltered list does, by their subjects.
      return searching
        ? call(searchInstances, { body: searchBody })
        : call(listInstances, { query: listQuery });
    },
    placeholderData: keepPreviousData,
    enabled: !datesReversed,
  });

  // A workflow by its name, as the clinic calls it; its id is for exports. Until the names load, a
  // placeholder; a workflow the list does not have (none should) reads as its id in words.
  const titleOf = (id: string) =>
    definitions.data?.find((d) => d.id === id)?.title ?? (definitions.isPending ? '…' : idToWords(id));
  const anyFilter = FILTERS.some((k) => filters[k] !== '') || searching;
  const clear = () => {
    setPatient('');
    setPersonName('');
    setParams(new URLSearchParams(), { replace: true });
  };
  const items = results.data?.items ?? [];
  const open = (id: string) =>
    navigate(`/audit/instances/${encodeURIComponent(id)}`, { state: { search: params.toString() } });

  return (
    <Stack h="100%" gap="sm" p="md" style={{ minHeight: 0 }}>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          Find a request
        </Title>
        <Text size="sm" c="dimmed">
          Open one to replay its history on the diagram and verify nobody altered it.
        </Text>
      </Group>
      <Box
        component="form"
        role="search"
        aria-label="Request filters"
        data-testid="audit-search"
        onSubmit={(e: FormEvent) => e.preventDefault()}
      >
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Workflow"
            placeholder={definitions.isPending ? 'Loading…' : 'Any workflow'}
            data={(definitions.data ?? []).map((d) => ({ value: d.id, label: d.title }))}
            value={filters.workflow || null}
            onChange={(v) => set('workflow', v ?? '')}
            clearable
            searchable
            w={260}
            data-testid="audit-filter-workflow"
          />
          <TextInput
            type="date"
            label="Started from"
            value={filters.from}
            onChange={(e) => set('from', e.currentTarget.value)}
            w={150}
            data-testid="audit-filter-from"
          />
          <TextInput
            type="date"
            label="Started to"
            value={filters.to}
            onChange={(e) => set('to', e.currentTarget.value)}
            w={150}
            error={datesReversed ? 'Before the start date' : undefined}
            data-testid="audit-filter-to"
          />
          <Select
            label="Status"
            placeholder="Any status"
            data={[
              { value: 'active', label: 'Active' },
              { value: 'done', label: 'Done' },
              { value: 'cancelled', label: 'Cancelled' },
            ]}
            value={filters.status || null}
            onChange={(v) => set('status', v ?? '')}
            clearable
            w={140}
            data-testid="audit-filter-status"
          />
          <TextInput
            label="Patient reference"
            placeholder={`e.g. ${CHART_NUMBER_EXAMPLE}`}
            value={patientText}
            onChange={(e) => setPatientText(e.currentTarget.value)}
            // The EHR's address copied off the chart, or "demo-5001", shown as the chart number searched for.
            onBlur={() => setPatientText(chartNumber(patientText))}
            error={tooLong(patientText)}
            w={190}
            autoComplete="off"
            data-testid="audit-filter-patient"
          />
          <TextInput
            label="Person"
            placeholder="Who started or worked on it"
            value={nameText}
            onChange={(e) => setNameText(e.currentTarget.value)}
            error={nameText.trim().length === 1 ? 'Type at least 2 letters' : tooLong(nameText)}
            w={240}
            autoComplete="off"
            data-testid="audit-filter-person"
          />
          <Switch
            label="Practice runs"
            checked={filters.practice === 'true'}
            onChange={(e) => set('practice', e.currentTarget.checked ? 'true' : '')}
            mb={8}
            data-testid="audit-filter-practice"
          />
          {anyFilter && (
            <Button variant="subtle" leftSection={<X size={14} aria-hidden />} onClick={clear} mb={2}>
              Clear filters
            </Button>
          )}
        </Group>
      </Box>

      {results.isError && <AuditError title="The search failed" error={results.error} />}

      <ScrollArea style={{ flex: 1, minHeight: 0 }} type="auto">
        {results.isPending && !datesReversed ? (
          <Group justify="center" p="xl">
            <Loader size="sm" role="status" aria-label="Loading requests" />
            <Text size="sm" c="dimmed">
              Searching…
            </Text>
          </Group>
        ) : items.length === 0 && !results.isError ? (
          <Stack align="center" gap="xs" p="xl" data-testid="audit-search-empty">
            <SearchX size={32} aria-hidden />
            <Text fw={600}>No requests match these filters</Text>
            <Text size="sm" c="dimmed" maw={560} ta="center">
              Requests are found by their workflow, the day they started (clinic time, both days included),
              their status, the patient reference in their data (the whole reference) and the name of a person
              who started or worked on them. Widen the dates, pick another workflow or status, or clear the
              filters.
              {filters.practice === 'true'
                ? ' Practice runs are shown instead of real ones; switch it off to see real requests.'
                : ''}
            </Text>
            {anyFilter && (
              <Button variant="light" size="xs" onClick={clear}>
                Clear filters
              </Button>
            )}
          </Stack>
        ) : (
          <Table
            striped
            highlightOnHover
            stickyHeader
            verticalSpacing={6}
            data-testid="audit-results"
            aria-busy={results.isFetching}
          >
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }} className="visually-hidden">
              Requests matching the filters, newest first
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Request</Table.Th>
                <Table.Th>Workflow</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Revision</Table.Th>
                <Table.Th>Started by</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Open</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr
                  key={item.id}
                  data-testid={`audit-result-${item.id}`}
                  onClick={() => open(item.id)}
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td>
                    <Text size="sm" title={item.startedAt} className="pf-time">
                      {formatWhen(item.startedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} data-testid="instance-subject">
                      {requestLabel({
                        instanceId: item.id,
                        subject: item.subject ?? null,
                        requestStartedAt: null,
                      })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="audit-workflow-name">
                      {titleOf(item.definitionId)}
                    </Text>
                    {item.practice && (
                      <Badge size="xs" color="grape" variant="light" mt={2}>
                        Practice
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td data-testid="audit-version">{item.version}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={item.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={countOf(item.revision, 'event')}>
                      {item.revision}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <UserRef id={item.startedBy} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      component={Link}
                      to={`/audit/instances/${encodeURIComponent(item.id)}`}
                      state={{ search: params.toString() }}
                      size="compact-sm"
                      variant="default"
                      leftSection={<FileSearch size={14} aria-hidden />}
                      onClick={(e) => e.stopPropagation()}
                      aria-label={`Replay the request started ${formatWhen(item.startedAt)} (${titleOf(item.definitionId)})`}
                      data-testid={`audit-open-${item.id}`}
                    >
                      Replay
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </ScrollArea>
      {items.length > 0 && (
        <PagingBar
          page={paging.page}
          count={items.length}
          hasPrevious={paging.hasPrevious}
          hasNext={!!results.data?.nextCursor}
          onPrevious={paging.previous}
          onNext={() => paging.next(results.data?.nextCursor ?? null)}
          noun="request"
          plural="requests"
          testId="audit-paging"
        />
      )}
    </Stack>
  );
}
