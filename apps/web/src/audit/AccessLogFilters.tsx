import { Badge, Box, Button, Checkbox, Collapse, Group, Select, Switch, TextInput } from '@mantine/core';
import { listPeople } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { ChevronDown, ChevronUp } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';
import { personName } from '../work/personName.ts';
import { CATEGORY_WORDS } from './accessCategories.ts';
import { FILTER_MAX, tooLong } from './filterLength.ts';
import { useTypedFilter } from './useTypedFilter.ts';

/** The report's filters as the page's address holds them (`''` when not set). */
export interface AccessLogFilterValues {
  from: string;
  to: string;
  userId: string;
  instanceId: string;
  /** The patient reference typed: kept in the page, never its address (it is patient data). */
  patient: string;
  outcome: string;
  category: string;
  practice: boolean;
  emergencyOnly: boolean;
  showLists: boolean;
  limit: string;
}

const validId = (s: string) => s.length <= FILTER_MAX;
const CATEGORIES = Object.entries(CATEGORY_WORDS).map(([value, label]) => ({ value, label }));

/**
 * The access log's filters: the ones an auditor sets every time (period, person, category, outcome) on
 * one row, the rest (ids typed in, practice runs, break-glass, list reads, page size) behind "More
 * filters", open by itself when one of them is set. On a narrow screen the row wraps.
 */
export function AccessLogFilters({
  values: v,
  set,
  setPatient,
  reversed,
}: {
  values: AccessLogFilterValues;
  /** Sets one address parameter (`''` removes it). */
  set: (key: string, value: string) => void;
  setPatient: (patient: string) => void;
  /** The "To" day is before the "From" day. */
  reversed: boolean;
}) {
  // People by name: the filter picks a person, the query sends their id.
  const people = useQuery({
    queryKey: ['people'],
    queryFn: () => call(listPeople, {}),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const known = (people.data?.people ?? []).some((u) => u.id === v.userId);
  const [userText, setUserText] = useTypedFilter(v.userId, (id) => set('user', id), validId);
  const [instanceText, setInstanceText] = useTypedFilter(v.instanceId, (id) => set('instance', id), validId);
  const [patientText, setPatientText] = useTypedFilter(v.patient, setPatient, (p) => p.length <= FILTER_MAX);
  // A user id typed that is not a person in the list counts as one of the more filters.
  const hidden = [v.userId !== '' && !known, v.instanceId, v.practice, v.emergencyOnly, v.showLists].filter(
    Boolean,
  ).length;
  const [more, setMore] = useState(hidden > 0);

  return (
    <Box
      component="form"
      role="search"
      aria-label="Access log filters"
      onSubmit={(e: FormEvent) => e.preventDefault()}
    >
      <Group gap="xs" align="flex-end">
        <TextInput
          type="date"
          label="From"
          value={v.from}
          onChange={(e) => set('from', e.currentTarget.value)}
          w={132}
          data-testid="access-log-from"
        />
        <TextInput
          type="date"
          label="To"
          value={v.to}
          onChange={(e) => set('to', e.currentTarget.value)}
          error={reversed ? 'Before “From”' : undefined}
          w={132}
          data-testid="access-log-to"
        />
        <TextInput
          label="Patient"
          placeholder="Chart number"
          title="Every read of any request of this patient (any case, or the EHR address); kept out of the page's address"
          value={patientText}
          onChange={(e) => setPatientText(e.currentTarget.value)}
          error={tooLong(patientText)}
          w={130}
          autoComplete="off"
          data-testid="access-log-patient"
        />
        <Select
          label="Person"
          placeholder="Anyone"
          searchable
          clearable
          value={known ? v.userId : null}
          onChange={(id) => {
            setUserText(id ?? '');
            set('user', id ?? '');
          }}
          data={(people.data?.people ?? []).map((u) => ({ value: u.id, label: personName(u) }))}
          w={150}
          data-testid="access-log-person"
        />
        <Select
          label="Category"
          placeholder="Any"
          clearable
          value={v.category || null}
          onChange={(c) => set('category', c ?? '')}
          data={CATEGORIES}
          w={140}
          data-testid="access-log-category"
        />
        <Select
          label="Outcome"
          value={v.outcome || 'all'}
          onChange={(o) => set('outcome', !o || o === 'all' ? '' : o)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'allow', label: 'Allowed' },
            { value: 'deny', label: 'Denied' },
          ]}
          allowDeselect={false}
          w={110}
          data-testid="access-log-outcome"
        />
        <Button
          variant={more ? 'light' : 'default'}
          rightSection={more ? <ChevronUp size={14} aria-hidden /> : <ChevronDown size={14} aria-hidden />}
          onClick={() => setMore((m) => !m)}
          aria-expanded={more}
          aria-controls="access-log-more-filters"
          data-testid="access-log-more"
        >
          More filters
          {hidden > 0 && (
            <Badge size="sm" circle ml={6} aria-label={`${hidden} set`}>
              {hidden}
            </Badge>
          )}
        </Button>
      </Group>
      <Collapse expanded={more} id="access-log-more-filters">
        <Group gap="sm" align="flex-end" mt="xs" data-testid="access-log-more-filters">
          <TextInput
            label="User id"
            placeholder="Any user"
            value={userText}
            onChange={(e) => setUserText(e.currentTarget.value)}
            error={tooLong(userText)}
            w={150}
            data-testid="access-log-user"
          />
          <TextInput
            label="Instance id"
            placeholder="Any instance"
            value={instanceText}
            onChange={(e) => setInstanceText(e.currentTarget.value)}
            error={tooLong(instanceText)}
            w={190}
            data-testid="access-log-instance"
          />
          <Checkbox
            label="Practice runs only"
            checked={v.practice}
            onChange={(e) => set('practice', e.currentTarget.checked ? 'true' : '')}
            data-testid="access-log-practice"
            mb={8}
          />
          <Switch
            label={
              v.instanceId
                ? 'Lists that showed this request'
                : v.patient
                  ? 'Lists that showed the patient’s requests'
                  : 'Show list reads'
            }
            title="Task lists and request lists name every request they showed"
            checked={v.showLists || v.instanceId !== '' || v.patient !== ''}
            disabled={v.instanceId !== '' || v.patient !== ''}
            onChange={(e) => set('lists', e.currentTarget.checked ? 'show' : '')}
            data-testid="access-log-lists"
            mb={6}
          />
          <Switch
            label="Break-glass only"
            checked={v.emergencyOnly}
            onChange={(e) => set('emergency', e.currentTarget.checked ? 'true' : '')}
            data-testid="access-log-emergency-only"
            mb={6}
          />
          <Select
            label="Per page"
            value={v.limit}
            onChange={(l) => set('limit', l && l !== '100' ? l : '')}
            data={['50', '100', '250', '500']}
            allowDeselect={false}
            w={90}
            data-testid="access-log-limit"
          />
        </Group>
      </Collapse>
    </Box>
  );
}
