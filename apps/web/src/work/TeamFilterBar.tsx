import { Button, Group, Select, Switch } from '@mantine/core';
import { X } from 'lucide-react';
import { NO_TEAM_FILTERS, type TeamFilters, UNASSIGNED } from './team.ts';
import { useRoleName } from './useRoleName.ts';

interface Props {
  filters: TeamFilters;
  onChange: (filters: TeamFilters) => void;
  workflows: Array<{ value: string; label: string }>;
  roles: string[];
  assignees: Array<{ value: string; label: string }>;
}

/** Workflow, role, assignee and overdue filters for the Team table. */
export function TeamFilterBar({ filters, onChange, workflows, roles, assignees }: Props) {
  const roleName = useRoleName();
  const active =
    filters.definitionId !== null ||
    filters.role !== null ||
    filters.assignee !== null ||
    filters.overdueOnly;
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      <legend className="visually-hidden">Filters</legend>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          size="xs"
          label="Workflow"
          placeholder="All workflows"
          data={workflows}
          value={filters.definitionId}
          onChange={(v) => onChange({ ...filters, definitionId: v })}
          clearable
          searchable
          w={210}
          data-testid="team-filter-workflow"
        />
        <Select
          size="xs"
          label="Role"
          placeholder="All roles"
          data={roles.map((r) => ({ value: r, label: roleName(r) }))}
          value={filters.role}
          onChange={(v) => onChange({ ...filters, role: v })}
          clearable
          searchable
          w={180}
          data-testid="team-filter-role"
        />
        <Select
          size="xs"
          label="Assignee"
          placeholder="Anyone"
          data={[{ value: UNASSIGNED, label: 'Unassigned (in a pool)' }, ...assignees]}
          value={filters.assignee}
          onChange={(v) => onChange({ ...filters, assignee: v })}
          clearable
          searchable
          w={190}
          data-testid="team-filter-assignee"
        />
        <Switch
          size="sm"
          label="Overdue only"
          checked={filters.overdueOnly}
          onChange={(e) => onChange({ ...filters, overdueOnly: e.currentTarget.checked })}
          mb={6}
          data-testid="team-filter-overdue"
        />
        {active && (
          <Button
            size="compact-sm"
            variant="subtle"
            mb={4}
            leftSection={<X size={14} aria-hidden />}
            onClick={() => onChange(NO_TEAM_FILTERS)}
          >
            Clear filters
          </Button>
        )}
      </Group>
    </fieldset>
  );
}
