import { Badge, Button, NavLink, Stack, Text } from '@mantine/core';
import { AlarmClockOff, Inbox, Users } from 'lucide-react';
import type { Folder, FolderId } from './queue.ts';
import classes from './work.module.css';

interface Props {
  folders: Folder[];
  current: FolderId;
  onSelect: (id: FolderId) => void;
  /** A horizontal strip of buttons for narrow screens. */
  compact?: boolean;
}

const iconOf = (f: Folder) =>
  f.id === 'mine' ? (
    <Inbox size={16} aria-hidden />
  ) : f.id === 'overdue' ? (
    <AlarmClockOff size={16} aria-hidden />
  ) : (
    <Users size={16} aria-hidden />
  );

const accessibleName = (f: Folder) =>
  f.role
    ? `${f.label} pool, ${f.count} unassigned`
    : `${f.label}, ${f.count} ${f.count === 1 ? 'task' : 'tasks'}`;

/** My tasks, one pool per role, Overdue — each with its count (Epic In Basket style). */
export function FolderNav({ folders, current, onSelect, compact = false }: Props) {
  if (compact) {
    return (
      <nav aria-label="Work folders" className={classes.folderStrip}>
        {folders.map((f) => (
          <Button
            key={f.id}
            size="compact-sm"
            variant={f.id === current ? 'filled' : 'default'}
            color={f.id === 'overdue' && f.count > 0 && f.id !== current ? 'red' : undefined}
            leftSection={iconOf(f)}
            onClick={() => onSelect(f.id)}
            aria-current={f.id === current ? 'page' : undefined}
            aria-label={accessibleName(f)}
            data-testid={f.testId}
            style={{ flex: '0 0 auto' }}
          >
            {f.role ? `${f.label} pool` : f.label} · {f.count}
          </Button>
        ))}
      </nav>
    );
  }
  const pools = folders.filter((f) => f.role);
  const render = (f: Folder) => (
    <NavLink
      key={f.id}
      component="button"
      type="button"
      label={f.label}
      leftSection={iconOf(f)}
      rightSection={
        <Badge
          size="sm"
          circle={f.count < 100}
          variant={f.id === 'overdue' && f.count > 0 ? 'filled' : 'light'}
          color={f.id === 'overdue' && f.count > 0 ? 'red.8' : 'gray'}
          c={f.id === 'overdue' && f.count > 0 ? undefined : 'gray.8'}
        >
          {f.count}
        </Badge>
      }
      active={f.id === current}
      onClick={() => onSelect(f.id)}
      aria-current={f.id === current ? 'page' : undefined}
      aria-label={accessibleName(f)}
      data-testid={f.testId}
    />
  );
  return (
    <nav aria-label="Work folders" className={classes.folders}>
      <Stack gap={2}>
        {folders.filter((f) => f.id === 'mine').map(render)}
        {pools.length > 0 && (
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="sm" mb={2} px="xs" id="pools-heading">
            Pools
          </Text>
        )}
        {pools.map(render)}
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="sm" mb={2} px="xs">
          Needs attention
        </Text>
        {folders.filter((f) => f.id === 'overdue').map(render)}
      </Stack>
    </nav>
  );
}
