import { Badge, Button, NavLink, Stack, Text } from '@mantine/core';
import { AlarmClockOff, CheckCheck, Inbox, Users } from 'lucide-react';
import type { CSSProperties } from 'react';
import { OVERDUE } from './palette.ts';
import type { Folder, FolderId } from './queue.ts';
import { poolFolderName, poolSuffix } from './thePool.ts';
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
  ) : f.id === 'done' ? (
    <CheckCheck size={16} aria-hidden />
  ) : (
    <Users size={16} aria-hidden />
  );

/** Words that make the count read well to a screen reader ("Triage nurse pool 3 unassigned"). */
const countWords = (f: Folder) => (f.role ? ' unassigned' : f.count === 1 ? ' task' : ' tasks');

/** The active folder: a lighter background than Mantine's default so the label keeps AA contrast. */
const ACTIVE_STYLE = {
  '--nl-bg': 'var(--mantine-color-teal-0)',
  '--nl-color': 'var(--mantine-color-teal-9)',
} as CSSProperties;

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
            color={f.id === current ? 'teal.9' : undefined}
            c={f.id !== current && f.id === 'overdue' && f.count > 0 ? 'red.9' : undefined}
            leftSection={iconOf(f)}
            onClick={() => onSelect(f.id)}
            aria-current={f.id === current ? 'page' : undefined}
            data-testid={f.testId}
            style={{ flex: '0 0 auto' }}
          >
            {f.role ? poolFolderName(f.label, f.playedForPractice) : f.label} · {f.count}
            <span className="visually-hidden">{countWords(f)}</span>
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
      label={
        <>
          {f.label}
          {f.role && poolSuffix(f.label) && <span className="visually-hidden">{poolSuffix(f.label)}</span>}
          {f.playedForPractice && ' (played for practice)'}
        </>
      }
      leftSection={iconOf(f)}
      rightSection={
        <Badge
          size="sm"
          // A circle holds one digit; "22" in one read "2…".
          circle={f.count < 10}
          variant={f.id === 'overdue' && f.count > 0 ? 'filled' : 'light'}
          color={f.id === 'overdue' && f.count > 0 ? OVERDUE : 'gray'}
          c={f.id === 'overdue' && f.count > 0 ? undefined : 'gray.8'}
        >
          {f.count}
          <span className="visually-hidden">{countWords(f)}</span>
        </Badge>
      }
      active={f.id === current}
      onClick={() => onSelect(f.id)}
      aria-current={f.id === current ? 'page' : undefined}
      data-testid={f.testId}
      style={f.id === current ? ACTIVE_STYLE : undefined}
      className={f.id === current ? classes.activeFolder : undefined}
    />
  );
  return (
    <nav aria-label="Work folders" className={classes.folders}>
      <Stack gap={2}>
        {folders.filter((f) => f.id === 'mine').map(render)}
        {pools.length > 0 && (
          <Text size="xs" fw={600} c="gray.7" tt="uppercase" mt="sm" mb={2} px="xs">
            Pools
          </Text>
        )}
        {pools.map(render)}
        <Text size="xs" fw={600} c="gray.7" tt="uppercase" mt="sm" mb={2} px="xs">
          Needs attention
        </Text>
        {folders.filter((f) => f.id === 'overdue').map(render)}
        <Text size="xs" fw={600} c="gray.7" tt="uppercase" mt="sm" mb={2} px="xs">
          Last 7 days
        </Text>
        {folders.filter((f) => f.id === 'done').map(render)}
      </Stack>
    </nav>
  );
}
