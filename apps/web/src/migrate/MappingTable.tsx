import { Badge, Group, Select, Table, Text } from '@mantine/core';
import type { PlanStep, StepMapping } from './types.ts';

const NOT_MAPPED = '__none';

/** Step of version A → select a step of version B of the same kind (proposed by id). */
export function MappingTable({
  from,
  to,
  mapping,
  fromVersion,
  toVersion,
  disabled,
  onChange,
}: {
  from: PlanStep[];
  to: PlanStep[];
  mapping: StepMapping;
  fromVersion: number;
  toVersion: number;
  disabled: boolean;
  onChange: (step: string, target: string | null) => void;
}) {
  return (
    <Table verticalSpacing={4} striped data-testid="mapping-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Step in version {fromVersion}</Table.Th>
          <Table.Th>Owner</Table.Th>
          <Table.Th>Step in version {toVersion}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {from.map((step) => {
          const target = mapping[step.id] ?? null;
          const options = to
            .filter((t) => t.kind === step.kind)
            .map((t) => ({
              value: t.id,
              label: `${t.title} (${t.id})${t.roleName ? ` — ${t.roleName}` : ''}`,
            }));
          const chosen = to.find((t) => t.id === target);
          return (
            <Table.Tr key={step.id} data-testid={`mapping-row-${step.id}`}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {step.title}
                </Text>
                <Group gap={4}>
                  <Text size="xs" c="gray.7" ff="monospace">
                    {step.id}
                  </Text>
                  <Badge size="xs" variant="outline" color="gray.7">
                    {step.kind}
                  </Badge>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{step.roleName ?? '—'}</Text>
                {chosen && chosen.role !== step.role && chosen.roleName && (
                  <Text size="xs" c="orange.9">
                    → {chosen.roleName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Select
                    aria-label={`Step of version ${toVersion} for ${step.title}`}
                    data={[{ value: NOT_MAPPED, label: 'Not mapped — instances here stay' }, ...options]}
                    value={target ?? NOT_MAPPED}
                    onChange={(v) => onChange(step.id, !v || v === NOT_MAPPED ? null : v)}
                    allowDeselect={false}
                    disabled={disabled}
                    size="xs"
                    w={360}
                    data-testid={`mapping-select-${step.id}`}
                  />
                  {target === step.id && (
                    <Badge size="xs" color="teal.9" variant="light">
                      same id
                    </Badge>
                  )}
                  {target === null && (
                    <Badge size="xs" color="red.9" variant="light">
                      unmapped
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
