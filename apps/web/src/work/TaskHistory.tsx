import { Alert, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { FileX, History, Lock, Paperclip, StickyNote } from 'lucide-react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import type { RequestNote, TimelineEntry } from '../api/types.ts';
import { formatWhen } from '../shell/time.ts';
import { formatValue, humanize } from './format.ts';
import { historyItems } from './historyItems.ts';
import { thePool } from './thePool.ts';
import { useInstanceHistory } from './useInstanceHistory.ts';
import { useRoleName } from './useRoleName.ts';

interface Props {
  instanceId: string;
  nameOf: (userId: string | null | undefined, fallback?: string) => string;
  now: number;
  /** The request's notes from every step, placed among the events by time. */
  notes?: RequestNote[];
  /** Draws one note (the panel's card, with editing for its author). */
  renderNote?: (note: RequestNote) => ReactNode;
}

/** A role by its title ("Front desk receptionist"), as useRoleName says it. */
type RoleName = (role: string | null | undefined) => string;

export function headline(e: TimelineEntry, nameOf: Props['nameOf'], roleName: RoleName): string {
  switch (e.type) {
    case 'start':
      return 'Request started';
    case 'complete': {
      const outcome = e.changes.find((c) => c.field === 'outcome');
      // The step's title, never its id: a never-renamed id reads "New task" to the person after you.
      return outcome?.step
        ? `${outcome.stepTitle ?? humanize(outcome.step)} → ${humanize(String(outcome.to))}`
        : humanize(e.summary);
    }
    case 'reassign': {
      const assignee = e.changes.find((c) => c.field === 'assignee');
      const role = e.changes.find((c) => c.field === 'role');
      if (role) return `Moved to ${thePool(roleName(String(role.to)))}`;
      if (assignee && assignee.to === null) return 'Released to the pool';
      // Taking a task from the pool is a claim, whatever event kind records it.
      if (assignee && assignee.to === e.actor && e.changes.length === 1)
        return `Claimed by ${nameOf(String(assignee.to), 'a colleague')}`;
      if (assignee)
        return `Assigned to ${nameOf(String(assignee.to), 'a colleague').replace(/^You$/, 'you')}`;
      return 'Changed';
    }
    case 'timer-fired': {
      // Only a practice run's waiting step has a person let its time pass: they played it.
      if (e.actor) return 'Time let pass, played for practice';
      // A deadline that moved the task to another role escalated it: each time, say to whom.
      const role = e.changes.find((c) => c.field === 'role');
      return role
        ? `Deadline reached: escalated to ${thePool(roleName(String(role.to)))}`
        : 'Deadline reached';
    }
    case 'calendar-changed':
      // Its change, if any, is the deadline it moved ("Due: Thu 10:00 AM → Fri 10:00 AM").
      return 'Clinic hours changed';
    case 'cancel':
      // "cancelled: Duplicate request" from the server, said with a capital.
      return e.summary.charAt(0).toUpperCase() + e.summary.slice(1);
    default:
      return humanize(e.summary);
  }
}

/**
 * Who or what made an event, as its history line says it: a person by name; with nobody acting, the
 * deadline that passed (a one-hour clock deadline is not the calendar), the clinic calendar when its
 * hours moved a deadline, or "Automatically" (a task its holder could no longer work sent back to its pool).
 */
export function actedBy(e: TimelineEntry, nameOf: Props['nameOf'], roleName: RoleName): string {
  if (e.actor) return nameOf(e.actor, e.role ? roleName(e.role) : 'A colleague');
  // A wait step's time running out ("wait ended on …") is no deadline.
  if (e.type === 'timer-fired') return /wait ended/.test(e.summary) ? 'Automatically' : 'Deadline';
  if (e.type === 'calendar-changed') return 'Clinic calendar';
  return 'Automatically';
}

export function changeText(
  c: TimelineEntry['changes'][number],
  nameOf: Props['nameOf'],
  now: number,
  roleName: RoleName,
): string | null {
  const show = (field: string, v: unknown) => {
    // A task in its pool is held by nobody: said so, not a dash ("Assignee: nobody → You").
    if (v === null || v === undefined) return field === 'assignee' ? 'nobody' : '—';
    if (field === 'assignee') return nameOf(String(v));
    if (field === 'due') return formatWhen(String(v), now);
    if (field === 'role') return roleName(String(v));
    return formatValue(v);
  };
  if (c.field === 'outcome') return null;
  return `${humanize(c.field)}: ${show(c.field, c.from)} → ${show(c.field, c.to)}`;
}

/** "History so far": who did what, in which role, when — the instance's timeline with the request's notes. */
export function TaskHistory({ instanceId, nameOf, now, notes = [], renderNote }: Props) {
  const history = useInstanceHistory(instanceId);
  const roleName = useRoleName();
  if (history.isPending) {
    return (
      <Stack gap={6} role="status" aria-busy="true" aria-label="Loading history">
        <Skeleton height={12} width="60%" />
        <Skeleton height={12} width="40%" />
      </Stack>
    );
  }
  if (history.error) {
    const refused = history.error instanceof ApiError && history.error.status === 403;
    return (
      <Alert color="gray" variant="light" icon={<Lock size={16} aria-hidden />} p="xs">
        {refused
          ? 'The history of this request is only open to people with a task in it.'
          : `History could not be loaded: ${history.error.message}`}
      </Alert>
    );
  }
  const timeline = history.data.timeline;
  // Files attached on any step, and their removal, among the events (names only; the list above downloads).
  const items = historyItems(timeline, notes, history.data.attachments);
  if (items.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        Nothing has happened on this request yet.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} active={items.length - 1} data-testid="task-history">
      {items.map((item) => {
        if (item.kind === 'attached' || item.kind === 'removed') {
          const a = item.attachment;
          const attached = item.kind === 'attached';
          const by = attached ? a.authorId : (a.removed?.by ?? null);
          return (
            <Timeline.Item
              key={`${item.kind}-${a.id}`}
              bullet={attached ? <Paperclip size={9} aria-hidden /> : <FileX size={9} aria-hidden />}
              title={
                attached
                  ? `Attached “${a.name}”${a.stepTitle ? ` on “${a.stepTitle}”` : ''}`
                  : `Took off “${a.name}”`
              }
              lineVariant="solid"
              data-testid={attached ? 'history-attached' : 'history-attachment-removed'}
            >
              <Text size="xs" c="gray.7">
                {formatWhen(item.at, now)} · {nameOf(by, 'A colleague')}
                {attached && a.authorRole ? ` (${roleName(a.authorRole)})` : ''}
              </Text>
              {!attached && a.removed ? <Text size="xs">Why: {a.removed.reason}</Text> : null}
            </Timeline.Item>
          );
        }
        const note = item.kind === 'note' ? item.note : undefined;
        const e = item.kind === 'event' ? item.event : undefined;
        if (note) {
          return (
            <Timeline.Item
              key={`note-${note.id}`}
              bullet={<StickyNote size={9} aria-hidden />}
              title={note.stepTitle ? `Note on “${note.stepTitle}”` : 'Note on the request'}
              lineVariant="solid"
            >
              {renderNote ? renderNote(note) : <Text size="sm">{note.body}</Text>}
            </Timeline.Item>
          );
        }
        if (!e) return null;
        const who = actedBy(e, nameOf, roleName);
        const details =
          e.type === 'complete' || e.type === 'start'
            ? []
            : e.changes.map((c) => changeText(c, nameOf, now, roleName));
        return (
          <Timeline.Item
            key={e.seq}
            bullet={<History size={9} aria-hidden />}
            title={headline(e, nameOf, roleName)}
            lineVariant="solid"
          >
            <Text size="xs" c="gray.7">
              {formatWhen(e.at, now)} · {who}
              {e.role && e.actor && nameOf(e.actor, '') !== '' ? ` (${roleName(e.role)})` : ''}
            </Text>
            {details
              .filter((d): d is string => d !== null)
              .map((d) => (
                <Text key={d} size="xs">
                  {d}
                </Text>
              ))}
            {e.reason ? <Text size="xs">Why: {e.reason}</Text> : null}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
