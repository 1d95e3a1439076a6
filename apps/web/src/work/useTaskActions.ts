import { claimTask, completeTask, getTask, releaseTask } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import type { Task } from '../api/types.ts';
import { useOneAtATime } from '../api/useOneAtATime.ts';
import { notifications } from '../shell/notifications.ts';
import { showCompleted } from './completedToast.tsx';
import { thePool } from './thePool.ts';
import { useRoleName } from './useRoleName.ts';

/** Codes meaning "this task is no longer there to act on": someone finished it or the workflow moved on. */
export const GONE_CODES = ['TASK_CLOSED', 'STEP_NOT_ACTIVE', 'INSTANCE_ENDED'];

interface Options {
  nameOf: (userId: string | null | undefined, fallback?: string) => string;
  /** The request a task belongs to, as its queue row names it (the completion toast says which one was done). */
  requestOf: (task: Task) => string;
  /** The task was completed by me. */
  onCompleted?: (task: Task) => void;
  /** The task turned out to be closed elsewhere. */
  onGone?: (task: Task) => void;
  /** I claimed the task: the screen takes me to it. */
  onClaimed?: (task: Task) => void;
  /** I put the task back in its pool: the screen hands the focus on from the button that went. */
  onBackInPool?: (task: Task) => void;
}

/** A release, with the note typed in the task's note box (saved with it) if any. */
type ReleaseInput = {
  task: Task;
  note?: string;
  forNextRole?: boolean;
  /** The release landed with the note: the box may be emptied. */
  onReleased?: () => void;
};

type CompleteInput = {
  task: Task;
  outcome: string;
  data: Record<string, unknown>;
  note?: string;
  /** The note is highlighted in the next role's task. */
  forNextRole?: boolean;
  /** The draft revision the form was filled from: refused over a colleague's answers not seen. */
  draftSeen?: number;
};

/**
 * Claim, release and complete with a toast for each result. A lost claim race is said plainly,
 * a task completed elsewhere is reported and dropped; a 422 FORM_INVALID is left to the form.
 */
export function useTaskActions({ nameOf, requestOf, onCompleted, onGone, onClaimed, onBackInPool }: Options) {
  const client = useQueryClient();
  const roleName = useRoleName();
  const oneAtATime = useOneAtATime();
  /** Tasks this screen completed: a late "already closed" about one of them is my own completion. */
  const completedHere = useRef(new Set<string>());
  const refresh = (taskId: string) => {
    void client.invalidateQueries({ queryKey: ['tasks'] });
    void client.invalidateQueries({ queryKey: ['task', taskId] });
    void client.invalidateQueries({ queryKey: ['notifications'] });
  };

  function reportGone(task: Task) {
    if (completedHere.current.has(task.id)) {
      // Closed by my own completion, whose toast already said so: nothing went wrong.
      refresh(task.id);
      return;
    }
    notifications.show({
      id: `gone-${task.id}`,
      color: 'gray',
      title: 'Already done elsewhere',
      message: `“${task.title}” was completed or moved on before you acted. It has left your list.`,
    });
    onGone?.(task);
    refresh(task.id);
  }

  function reportError(action: string, task: Task, error: unknown): void {
    if (error instanceof ApiError && GONE_CODES.includes(error.code)) {
      reportGone(task);
      return;
    }
    if (error instanceof ApiError && error.code === 'NOT_ASSIGNEE') {
      notifications.show({
        color: 'orange',
        title: 'Someone else has this task',
        message: 'It was given to a colleague while you were working on it.',
      });
      refresh(task.id);
      return;
    }
    notifications.show({
      color: 'red',
      title: `Could not ${action}`,
      message: error instanceof Error ? error.message : 'Something went wrong; try again.',
    });
  }

  const claim = useMutation({
    mutationFn: (task: Task) =>
      call(claimTask, { params: { id: task.id }, idempotencyKey: newIdempotencyKey() }),
    onSuccess: (_result, task) => {
      notifications.show({ color: 'teal', title: 'Claimed', message: `“${task.title}” is now in My tasks.` });
      refresh(task.id);
      onClaimed?.(task);
    },
    onError: async (error, task) => {
      if (error instanceof ApiError && error.code === 'ALREADY_CLAIMED') {
        let who = 'A colleague';
        try {
          const fresh = await call(getTask, { params: { id: task.id } });
          who = nameOf(fresh.task.assignee, 'A colleague');
        } catch {
          // The name is a courtesy; the message stands without it.
        }
        notifications.show({
          color: 'orange',
          title: 'Claimed by someone else',
          message: `${who} claimed this first. It has left your pool.`,
        });
        refresh(task.id);
        return;
      }
      if (error instanceof ApiError && error.code === 'ALREADY_YOURS') {
        notifications.show({
          color: 'teal',
          title: 'Already yours',
          message: 'This task is already in My tasks.',
        });
        refresh(task.id);
        return;
      }
      reportError('claim the task', task, error);
    },
  });

  const release = useMutation({
    mutationFn: ({ task, note, forNextRole }: ReleaseInput) =>
      call(releaseTask, {
        params: { id: task.id },
        ...(note ? { body: { note, forNextRole: forNextRole === true } } : {}),
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: (_result, { task, note, forNextRole, onReleased }) => {
      notifications.show({
        color: 'gray',
        title: 'Back in the pool',
        message: `“${task.title}” is back in ${thePool(roleName(task.role))}.${
          note
            ? forNextRole
              ? ' Your note goes with it to whoever takes it next.'
              : ' Your note is saved on the request.'
            : ''
        }`,
      });
      onReleased?.();
      onBackInPool?.(task);
      refresh(task.id);
    },
    onError: (error, { task }) => reportError('release the task', task, error),
  });

  const complete = useMutation({
    mutationFn: ({ task, outcome, data, note, forNextRole, draftSeen }: CompleteInput) =>
      call(completeTask, {
        params: { id: task.id },
        body: {
          outcome,
          data,
          ...(note ? { note, forNextRole: forNextRole === true } : {}),
          ...(draftSeen !== undefined ? { draftSeen } : {}),
        },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: (result, { task, outcome }) => {
      completedHere.current.add(task.id);
      // The request's next steps for the role just worked, unclaimed: said so the person can take them on.
      const active = (result.instance?.active ?? []).filter((a) => a.taskId !== task.id);
      const next = active.filter((a) => a.kind === 'task' && a.role === task.role && a.assignee === null);
      // Else where the request went: other pools, a wait, or the end (said so nobody wonders).
      const wentOn = result.instance
        ? {
            to: active
              .filter((a) => a.kind === 'task' && !next.includes(a))
              .map((a) => ({ title: a.title, pool: thePool(roleName(a.role ?? '')) })),
            waits: active.filter((a) => a.kind === 'wait').map((a) => a.title),
            finished: result.instance.status === 'done',
          }
        : undefined;
      showCompleted(
        task.title,
        outcome,
        requestOf(task),
        { titles: next.map((a) => a.title), pool: thePool(roleName(task.role)) },
        wentOn,
      );
      onCompleted?.(task);
      refresh(task.id);
    },
    onError: (error, { task }) => {
      // Shown on the form: its fields, or a colleague's answers taken in to check.
      if (error instanceof ApiError && (error.code === 'FORM_INVALID' || error.code === 'TASK_DRAFT_UNSEEN'))
        return;
      reportError('complete the task', task, error);
    },
  });

  // One completion of a task at a time: the second click of a double click on an outcome sends nothing
  // and waits for the first one's answer (which its toast reports once).
  const completeOnce = (input: CompleteInput) =>
    oneAtATime(`complete ${input.task.id}`, () => complete.mutateAsync(input));
  return {
    /** This screen completed the task (another screen of the same person did not). */
    completedHere: (taskId: string) => completedHere.current.has(taskId),
    claim,
    release,
    complete: {
      ...complete,
      mutateAsync: completeOnce,
      mutate: (input: CompleteInput) => void completeOnce(input).catch(() => undefined),
    },
  };
}
