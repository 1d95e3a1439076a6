import { Badge, Group, Table, Text } from '@mantine/core';
import { WrapSelect } from '../editor/inspector/WrapSelect.tsx';
import { AMBER_TEXT } from '../work/palette.ts';
import type { PlanStep, StepMapping } from './types.ts';

const NOT_MAPPED = '__none';

/** A step's kind as the editor's palette names it. */
const KIND_WORDS: Record<string, string> = {
  task: 'task',
  wait: 'wait',
  decision: 'decision',
  parallel: 'parallel',
  end: 'end',
};

/**
 * Step of version A → a step of version B of the same kind (matched by the same step where B still
 * has it). Steps are named by title; two of one title are told apart by who owns them.
 */
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
  const titles = new Map<string, number>();
  for (const t of to) titles.set(t.title, (titles.get(t.title) ?? 0) + 1);
  const nameOf = (t: PlanStep) =>
    (titles.get(t.title) ?? 0) > 1 ? `${t.title} · ${t.roleName ?? KIND_WORDS[t.kind] ?? t.kind}` : t.title;
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
            .map((t) => ({ value: t.id, label: nameOf(t) }));
          const chosen = to.find((t) => t.id === target);
          return (
            <Table.Tr key={step.id} data-testid={`mapping-row-${step.id}`}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {step.title}
                </Text>
                <Badge size="xs" variant="outline" color="gray.7">
                  {KIND_WORDS[step.kind] ?? step.kind}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{step.roleName ?? '—'}</Text>
                {chosen && chosen.role !== step.role && chosen.roleName && (
                  <Text size="xs" c={AMBER_TEXT} fw={600}>
                    → {chosen.roleName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {/* A long title wraps onto another line rather than being cut off. */}
                  <WrapSelect
                    aria-label={`Step of version ${toVersion} for ${step.title}`}
                    data={[
                      { value: NOT_MAPPED, label: `None — requests here stay on version ${fromVersion}` },
                      ...options,
                    ]}
                    value={target ?? NOT_MAPPED}
                    onChange={(v) => onChange(step.id, !v || v === NOT_MAPPED ? null : v)}
                    allowDeselect={false}
                    disabled={disabled}
                    size="xs"
                    w={340}
                    data-testid={`mapping-select-${step.id}`}
                  />
                  {target === step.id && (
                    <Badge size="xs" color="teal" variant="light" style={{ flex: 'none' }}>
                      same step
                    </Badge>
                  )}
                  {target !== null && target !== step.id && (
                    <Badge size="xs" color="blue" variant="light" style={{ flex: 'none' }}>
                      other step
                    </Badge>
                  )}
                  {target === null && (
                    <Badge size="xs" color="red" variant="light" style={{ flex: 'none' }}>
                      not matched
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
