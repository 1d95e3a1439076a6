import { Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import { ArrowUpRight, Flame } from 'lucide-react';
import type { Task } from '../api/types.ts';
import { countOf } from '../shell/plural.ts';
import { formatWhen } from '../shell/time.ts';
import { DueChip } from './DueChip.tsx';
import { FileCount } from './FileCount.tsx';
import { AMBER_TEXT } from './palette.ts';
import { requestLabel } from './requestLabel.ts';
import { useRoleName } from './useRoleName.ts';
import { WholeWords } from './WholeWords.tsx';

interface Props {
  tasks: Task[];
  /** All tasks the filters match (the select-all checkbox covers these, not only this page). */
  matching: Task[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onSelectAll: (ids: string[] | null) => void;
  now: number;
  titleOf: (definitionId: string) => string;
  nameOf: (id: string | null | undefined, fallback?: string) => string;
}

/** All open tasks, dense, with a checkbox per row for bulk reassignment. */
export function TeamTable({ tasks, matching, selected, onToggle, onSelectAll, now, titleOf, nameOf }: Props) {
  const roleName = useRoleName();
  const all = matching.length > 0 && matching.every((t) => selected.has(t.id));
  const some = !all && matching.some((t) => selected.has(t.id));
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table
        striped
        highlightOnHover
        withTableBorder
        fz="xs"
        verticalSpacing={4}
        horizontalSpacing="xs"
        stickyHeader
        data-testid="team-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={32}>
              <Checkbox
                size="xs"
                checked={all}
                indeterminate={some}
                onChange={() => onSelectAll(all ? null : matching.map((t) => t.id))}
                aria-label={
                  all
                    ? 'Clear the selection'
                    : `Select all ${countOf(matching.length, 'task')} that match the filters`
                }
                data-testid="team-select-all"
              />
            </Table.Th>
            <Table.Th scope="col">Task</Table.Th>
            <Table.Th scope="col">Workflow</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Assignee</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col">Opened</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((t) => (
            <Table.Tr
              key={t.id}
              data-testid={`team-row-${t.id}`}
              bg={selected.has(t.id) ? 'teal.0' : undefined}
            >
              <Table.Td>
                <Checkbox
                  size="xs"
                  checked={selected.has(t.id)}
                  onChange={() => onToggle(t.id)}
                  aria-label={`Select “${t.title}” of ${requestLabel(t)} (${titleOf(t.definitionId)}, ${roleName(t.role)})`}
                />
              </Table.Td>
              {/* A long request name wraps here, whole, rather than pushing the other columns off
                  screen: a laptop gives the column a few words a line, and a name cut off after two
                  lines left the lead guessing whose request it was. */}
              <Table.Td style={{ minWidth: 200, maxWidth: 380 }}>
                <Text fz="xs" fw={700} data-testid="team-row-subject">
                  {requestLabel(t)}
                </Text>
                <Text fz="xs">{t.title}</Text>
                {/* The badges and the file count take a line of their own under the title: beside it,
                    Escalated and Urgent together left the name three words a line. */}
                {((t.files ?? 0) > 0 || t.escalated || t.priority === 'urgent' || t.priority === 'high') && (
                  <Group gap={4} mt={2}>
                    <FileCount files={t.files} testId="team-row-files" />
                    {t.escalated && (
                      <Badge
                        size="xs"
                        tt="none"
                        color="grape"
                        c="grape.9"
                        variant="light"
                        leftSection={<ArrowUpRight size={10} aria-hidden />}
                      >
                        Escalated
                      </Badge>
                    )}
                    {(t.priority === 'urgent' || t.priority === 'high') && (
                      <Badge
                        size="xs"
                        tt="none"
                        color={t.priority === 'urgent' ? 'red' : 'orange'}
                        c={t.priority === 'urgent' ? 'red.9' : AMBER_TEXT}
                        variant="light"
                        leftSection={<Flame size={10} aria-hidden />}
                      >
                        {t.priority === 'urgent' ? 'Urgent' : 'High'}
                      </Badge>
                    )}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>{titleOf(t.definitionId)}</Table.Td>
              <Table.Td>{roleName(t.role)}</Table.Td>
              {/* A long name wraps between its words rather than taking the Task column's room. */}
              <Table.Td style={{ maxWidth: 150 }}>
                {t.assignee ? (
                  <WholeWords>{nameOf(t.assignee, `User ${t.assignee.slice(0, 8)}`)}</WholeWords>
                ) : (
                  <Text fz="xs" c="gray.7" component="span">
                    Pool
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <DueChip due={t.due} now={now} size="xs" />
              </Table.Td>
              <Table.Td className="pf-time">{formatWhen(t.openedAt, now)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
