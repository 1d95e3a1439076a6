import { Alert, Button, Group, Kbd, Skeleton, Stack, Text, Title } from '@mantine/core';
import { CircleCheck, FilterX, Inbox, RefreshCw, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Task } from '../api/types.ts';
import { EmptyState } from '../shell/EmptyState.tsx';
import { UnderHeading } from '../shell/headingLevel.tsx';
import type { Folder } from './queue.ts';
import { TaskRow } from './TaskRow.tsx';
import { poolFolderName, poolName, thePool } from './thePool.ts';
import { useDueSoonTasks } from './unreadNotifications.ts';
import { useRoleName } from './useRoleName.ts';
import classes from './work.module.css';

interface Props {
  folder: Folder;
  tasks: Task[];
  total: number;
  userId: string;
  now: number;
  openId: string | null;
  cursorId: string | null;
  loading: boolean;
  error: Error | null;
  filtersActive: boolean;
  filterBar: ReactNode;
  titleOf: (definitionId: string) => string;
  onOpen: (task: Task) => void;
  onCursor: (task: Task) => void;
  onClearFilters: () => void;
  onGoToFolder: (id: Folder['id']) => void;
  onRetry: () => void;
  firstPool: Folder | undefined;
  /** How many tasks the person holds (My tasks' count). */
  mineCount: number;
}

/** The centre column: the folder's tasks by due time, with filters, keyboard hints and empty states. */
export function TaskList(props: Props) {
  const { folder, tasks, total, now, openId, cursorId, loading, error } = props;
  const roleName = useRoleName();
  const dueSoon = useDueSoonTasks();
  return (
    <>
      <Stack gap={6} p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="task-list-heading">
            {folder.role ? poolFolderName(folder.label, folder.playedForPractice) : folder.label}
          </Title>
          <Text size="xs" c="gray.7" aria-live="polite">
            {props.filtersActive
              ? `${tasks.length} of ${total} shown`
              : `${total} ${total === 1 ? 'task' : 'tasks'}`}
          </Text>
        </Group>
        {props.filterBar}
        <Text size="xs" c="gray.7" aria-hidden className={classes.keyHints} data-testid="queue-key-hints">
          <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> move ·{' '}
          {folder.id !== 'done' && (
            <>
              <Kbd size="xs">c</Kbd> claim ·{' '}
            </>
          )}
          <Kbd size="xs">Enter</Kbd> open
        </Text>
      </Stack>
      {/* Takes the focus when a complete leaves nothing to go on to (named by the heading when it does). */}
      <section
        className={classes.listScroll}
        tabIndex={-1}
        aria-labelledby="task-list-heading"
        data-testid="task-list"
      >
        {error ? (
          <Alert color="red" m="sm" title="Could not load tasks">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{error.message}</Text>
              <Button
                size="xs"
                variant="light"
                leftSection={<RefreshCw size={14} aria-hidden />}
                onClick={props.onRetry}
              >
                Try again
              </Button>
            </Stack>
          </Alert>
        ) : loading ? (
          <Stack gap={0} role="status" aria-busy="true" aria-label="Loading tasks">
            {[0, 1, 2, 3, 4].map((i) => (
              <Stack key={i} gap={6} p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                <Skeleton height={14} width="70%" />
                <Skeleton height={10} width="45%" />
              </Stack>
            ))}
          </Stack>
        ) : tasks.length === 0 ? (
          // Under the folder's name (h2): why it is empty is the next heading down.
          <UnderHeading level={2}>
            <EmptyList {...props} />
          </UnderHeading>
        ) : (
          <ul className={classes.rows} aria-labelledby="task-list-heading">
            {tasks.map((task) => (
              <TaskRow
                key={task.id}
                task={task}
                workflow={props.titleOf(task.definitionId)}
                role={roleName(task.role)}
                now={now}
                mine={task.assignee === props.userId}
                dueSoon={dueSoon.has(task.id)}
                open={task.id === openId}
                cursor={task.id === cursorId}
                onOpen={props.onOpen}
                onFocus={props.onCursor}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function EmptyList({
  folder,
  total,
  filtersActive,
  onClearFilters,
  onGoToFolder,
  firstPool,
  mineCount,
}: Props) {
  if (filtersActive && total > 0) {
    return (
      <EmptyState
        m="lg"
        size="sm"
        icon={<FilterX size={28} aria-hidden />}
        title="No tasks match these filters"
        description={`${total} ${total === 1 ? 'task is' : 'tasks are'} hidden by the filters.`}
      >
        <EmptyState.Actions>
          <Button size="xs" variant="default" onClick={onClearFilters}>
            Clear filters
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  if (folder.id === 'mine') {
    return (
      <EmptyState
        m="lg"
        size="sm"
        icon={<Inbox size={28} aria-hidden />}
        title="Nothing assigned to you"
        description={
          firstPool && firstPool.count > 0
            ? `Take the next task from ${thePool(firstPool.label)}: ${firstPool.count} waiting.`
            : 'When a task is assigned to you or you claim one from a pool, it appears here.'
        }
        data-testid="work-empty"
      >
        {firstPool && firstPool.count > 0 && (
          <EmptyState.Actions>
            {/* A long title ("Medical assistant (care-team pool)") wraps instead of running past the column. */}
            <Button
              size="xs"
              h="auto"
              py={6}
              styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
              onClick={() => onGoToFolder(firstPool.id)}
            >
              Open {thePool(firstPool.label)}
            </Button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    );
  }
  // Done, Overdue and a pool that is clear each point back to My tasks; to a pool with work waiting
  // when My tasks is empty too (it would only offer that pool, one press later).
  const waiting =
    mineCount === 0 && firstPool && firstPool.count > 0 && firstPool.id !== folder.id ? firstPool : null;
  const empty =
    folder.id === 'done'
      ? {
          icon: <CircleCheck size={28} aria-hidden />,
          title: 'Nothing completed in the last 7 days',
          description:
            'Tasks you complete are listed here for a week, newest first, so you can check what you already did.',
        }
      : folder.id === 'overdue'
        ? {
            icon: <CircleCheck size={28} aria-hidden />,
            title: 'Nothing overdue',
            description: waiting
              ? `Every task you and your pools hold is within its deadline. Take the next task from ${thePool(waiting.label)}: ${waiting.count} waiting.`
              : 'Every task you and your pools hold is within its deadline. Work the oldest due first in My tasks.',
          }
        : {
            icon: <Users size={28} aria-hidden />,
            title: `The ${poolName(folder.label)} is clear`,
            description: waiting
              ? `New requests for this role land here as they arrive; nothing to claim right now. The ${poolName(waiting.label)} has ${waiting.count} waiting.`
              : 'New requests for this role land here as they arrive; nothing to claim right now. Check My tasks for work you already hold.',
          };
  return (
    <EmptyState m="lg" size="sm" {...empty} data-testid="work-empty">
      <EmptyState.Actions>
        {waiting ? (
          <Button
            size="xs"
            h="auto"
            py={6}
            styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
            onClick={() => onGoToFolder(waiting.id)}
          >
            Open {thePool(waiting.label)}
          </Button>
        ) : (
          <Button size="xs" variant="default" onClick={() => onGoToFolder('mine')}>
            Go to My tasks
          </Button>
        )}
      </EmptyState.Actions>
    </EmptyState>
  );
}
