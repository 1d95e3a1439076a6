import { Badge, Group, Text } from '@mantine/core';
import { AlarmClock, ArrowUpRight, Flame, PencilLine, User } from 'lucide-react';
import type { Task } from '../api/types.ts';
import { PracticeBadge } from '../practice/PracticeBadge.tsx';
import { formatWhen } from '../shell/time.ts';
import { DueChip } from './DueChip.tsx';
import { FileCount } from './FileCount.tsx';
import { humanize } from './format.ts';
import { AMBER_TEXT } from './palette.ts';
import { requestLabel } from './requestLabel.ts';
import { halfDoneText } from './taskDraft.ts';
import classes from './work.module.css';

interface Props {
  task: Task;
  workflow: string;
  /** The task's role by its title ("Front desk receptionist"). */
  role: string;
  now: number;
  mine: boolean;
  /** The server reminded the reader that this task of theirs is due soon (the bell has it too). */
  dueSoon?: boolean;
  open: boolean;
  cursor: boolean;
  onOpen: (task: Task) => void;
  onFocus: (task: Task) => void;
}

/** One task in the queue: a button whose name says which request, what step, which workflow, and when it is due. */
export function TaskRow({ task, workflow, role, now, mine, dueSoon, open, cursor, onOpen, onFocus }: Props) {
  return (
    <li>
      <button
        type="button"
        className={`${classes.row} ${open ? classes.rowOpen : cursor ? classes.rowCursor : ''}`}
        aria-current={open ? 'true' : undefined}
        data-testid={`task-row-${task.id}`}
        data-task-row={task.id}
        onClick={() => onOpen(task)}
        onFocus={() => onFocus(task)}
      >
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <div style={{ minWidth: 0 }}>
            {/* Three lines beside the due date: what tells requests apart ("Appointment: Procedure")
                comes last in a subject, so two lines cut exactly that in a narrow pool column. */}
            <Text
              size="sm"
              fw={700}
              lineClamp={3}
              c={task.subject ? undefined : 'gray.7'}
              data-testid="task-row-subject"
            >
              {requestLabel(task)}
            </Text>
          </div>
          {task.status === 'closed' ? (
            // Done: when, and how it ended, as the outcome button read.
            <Text size="xs" c="gray.8" ta="right" style={{ flex: '0 0 auto' }} data-testid="task-row-done">
              {task.closedAt ? formatWhen(task.closedAt) : 'Done'}
              {task.outcome ? (
                <>
                  <br />
                  {humanize(task.outcome)}
                </>
              ) : null}
            </Text>
          ) : (
            <DueChip due={task.due} now={now} size="sm" relative />
          )}
        </Group>
        {/* The step under the request, across the row's whole width: said in full, never cut. */}
        <Text size="sm">{task.title}</Text>
        {/* Waiting in the pool with answers its previous holder typed: who and when, never the answers. */}
        {task.status === 'open' && !task.assignee && task.draft && (
          <Group gap={4} wrap="nowrap" mt={2}>
            <PencilLine size={12} aria-hidden />
            <Text size="xs" c="gray.8" data-testid="task-row-draft">
              {halfDoneText(task.draft, now)}
            </Text>
          </Group>
        )}
        <Group justify="space-between" wrap="nowrap" gap="xs" mt={4} align="flex-start">
          {/* Wraps rather than cuts: the end of a long role title is what tells one pool from another. */}
          <Text size="xs" c="gray.7" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {workflow} · {role}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flex: '0 0 auto' }}>
            {task.practice && <PracticeBadge size="xs" />}
            <FileCount files={task.files} testId="task-row-files" />
            {mine && dueSoon && task.status === 'open' && (
              <Badge
                size="xs"
                tt="none"
                color="orange"
                c={AMBER_TEXT}
                variant="light"
                leftSection={<AlarmClock size={11} aria-hidden />}
                style={{ flexShrink: 0 }}
                data-testid="task-row-due-soon"
              >
                Due soon
              </Badge>
            )}
            {task.escalated && (
              <Badge
                size="xs"
                tt="none"
                color="grape"
                c="grape.9"
                variant="light"
                leftSection={<ArrowUpRight size={11} aria-hidden />}
                style={{ flexShrink: 0 }}
              >
                Escalated
                <span className="visually-hidden"> to {role}</span>
              </Badge>
            )}
            {(task.priority === 'urgent' || task.priority === 'high') && (
              <Badge
                size="xs"
                tt="none"
                color={task.priority === 'urgent' ? 'red' : 'orange'}
                c={task.priority === 'urgent' ? 'red.9' : AMBER_TEXT}
                variant="light"
                leftSection={<Flame size={11} aria-hidden />}
                style={{ flexShrink: 0 }}
              >
                {task.priority === 'urgent' ? 'Urgent' : 'High'}
              </Badge>
            )}
            {!mine && <span className="visually-hidden">, unassigned</span>}
            {mine && task.status === 'open' && (
              <Badge
                size="xs"
                tt="none"
                color="teal.9"
                variant="outline"
                leftSection={<User size={11} aria-hidden />}
                style={{ flexShrink: 0 }}
              >
                Yours
              </Badge>
            )}
          </Group>
        </Group>
      </button>
    </li>
  );
}
