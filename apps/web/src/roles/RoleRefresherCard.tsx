import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import { CircleCheck } from 'lucide-react';
import { formatWhen } from '../shell/time.ts';
import { TODO_COLOR } from './colors.ts';
import { RoleChangeList } from './RoleChangeList.tsx';
import type { RoleRefresherStatus } from './types.ts';
import { versionsSince } from './versionsSince.ts';

const Done = ({ when }: { when: string | null }) =>
  when ? (
    <Group gap={4} wrap="nowrap">
      <CircleCheck size={14} color="var(--mantine-color-teal-9)" aria-hidden />
      <Text size="sm">{formatWhen(when)}</Text>
    </Group>
  ) : (
    <Text size="sm" c="gray.7">
      not yet
    </Text>
  );

type Person = RoleRefresherStatus['people'][number];

/** Done after reading; up to date without reading when what changed came and went in versions they skipped. */
const statusOf = (p: Person) => (!p.done ? 'To do' : p.acknowledgedAt ? 'Done' : 'Nothing changed for them');

/**
 * One workflow and role on the training record: each holder, the versions their refresher covers
 * (from the one they last finished to the latest), and what those still to do have to read: people
 * who finished different versions read different things.
 */
export function RoleRefresherCard({ refresher: r }: { refresher: RoleRefresherStatus }) {
  const doneCount = r.people.filter((p) => p.done).length;
  const names = (previousVersion: number) =>
    r.people
      .filter((p) => !p.done && p.previousVersion === previousVersion)
      .map((p) => p.displayName)
      .join(', ');
  return (
    <Paper withBorder p="md" data-testid="refresher-row" data-role={r.role}>
      <Group justify="space-between" mb="xs">
        <div>
          <Text fw={600}>
            {r.title} — {r.roleName}
          </Text>
          <Text size="xs" c="gray.7">
            Latest version {r.version}, published {formatWhen(r.publishedAt)}
          </Text>
        </div>
        <Badge
          color={doneCount === r.people.length ? 'teal.9' : TODO_COLOR}
          variant="outline"
          data-testid="refresher-progress"
        >
          {doneCount} of {r.people.length} done
        </Badge>
      </Group>
      {r.comparisons.map((c) => (
        <details key={c.previousVersion} data-testid="refresher-comparison">
          <summary>
            What changed since version {c.previousVersion} ({versionsSince(c.previousVersion, r.version)},{' '}
            {c.change.count} {c.change.count === 1 ? 'change' : 'changes'}) — for {names(c.previousVersion)}
          </summary>
          <RoleChangeList change={c.change} />
        </details>
      ))}
      <Table mt="xs" withTableBorder data-testid="refresher-people">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Versions</Table.Th>
            <Table.Th>Read the changes</Table.Th>
            <Table.Th>Practice run</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.people.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" c="gray.7">
                  Nobody holds this role.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {r.people.map((p) => (
            <Table.Tr key={p.id} data-testid="refresher-person" data-username={p.username} data-done={p.done}>
              <Table.Td>{p.displayName}</Table.Td>
              <Table.Td>
                {p.previousVersion} → {r.version}
              </Table.Td>
              <Table.Td>
                <Done when={p.acknowledgedAt} />
              </Table.Td>
              <Table.Td>
                {p.practiceNeeded ? (
                  <Done when={p.practiceDoneAt} />
                ) : (
                  // Nothing changed in steps they work themselves: reading finishes it.
                  <Text size="sm" c="gray.7" data-testid="refresher-practice-not-needed">
                    not needed
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={p.done ? 'teal.9' : 'gray.7'} variant="outline">
                  {statusOf(p)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
