import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { Search, X } from 'lucide-react';
import { type DueFilter, hasFilters, NO_FILTERS, type QueueFilters } from './queue.ts';
import { useRoleName } from './useRoleName.ts';

interface Props {
  filters: QueueFilters;
  onChange: (filters: QueueFilters) => void;
  workflows: Array<{ value: string; label: string }>;
  roles: string[];
  /** Off for finished work (the Done folder): a due time no longer says anything. */
  showDue?: boolean;
}

const DUE_OPTIONS: Array<{ value: DueFilter; label: string }> = [
  { value: 'any', label: 'Any time' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'today', label: 'By end of today' },
  { value: 'week', label: 'By end of this week' },
];

/** Subject search, workflow, role and due filters over the current folder. */
export function QueueFilterBar({ filters, onChange, workflows, roles, showDue = true }: Props) {
  const roleName = useRoleName();
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      <legend className="visually-hidden">Filters</legend>
      <TextInput
        size="xs"
        mb={6}
        label="Search requests"
        placeholder="Patient reference, or words of the request or its step"
        leftSection={<Search size={14} aria-hidden />}
        value={filters.text}
        onChange={(e) => onChange({ ...filters, text: e.currentTarget.value })}
        data-testid="filter-text"
      />
      <SimpleGrid cols={(roles.length > 1 ? 2 : 1) + (showDue ? 1 : 0)} spacing={6}>
        <Select
          size="xs"
          label="Workflow"
          placeholder="All workflows"
          data={workflows}
          value={filters.definitionId}
          onChange={(value) => onChange({ ...filters, definitionId: value })}
          clearable
          searchable
          comboboxProps={{ withinPortal: true }}
          data-testid="filter-workflow"
        />
        {roles.length > 1 && (
          <Select
            size="xs"
            label="Role"
            placeholder="All my roles"
            data={roles.map((r) => ({ value: r, label: roleName(r) }))}
            value={filters.role}
            onChange={(value) => onChange({ ...filters, role: value })}
            clearable
            data-testid="filter-role"
          />
        )}
        {showDue && (
          <Select
            size="xs"
            label="Due"
            data={DUE_OPTIONS}
            value={filters.due}
            onChange={(value) => onChange({ ...filters, due: (value as DueFilter | null) ?? 'any' })}
            allowDeselect={false}
            data-testid="filter-due"
          />
        )}
      </SimpleGrid>
      {hasFilters(filters) && (
        <Group justify="flex-end" mt={4}>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<X size={12} aria-hidden />}
            onClick={() => onChange(NO_FILTERS)}
          >
            Clear filters
          </Button>
        </Group>
      )}
    </fieldset>
  );
}
