import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Divider,
  EmptyState,
  Group,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { TaskMoved } from '@portalflow/contract';
import type { FormField } from '@portalflow/engine';
import { useQueryClient } from '@tanstack/react-query';
import { ArrowUpRight, Flame, Hand, Lock, MousePointerClick, Undo2, UserRoundPlus, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { StepHelp } from '../help/StepHelp.tsx';
import { PlayedForPracticeBadge, PlayedForPracticeNote } from '../practice/PlayedForPractice.tsx';
import { PracticeBadge } from '../practice/PracticeBadge.tsx';
import { PracticeDeadlineNote } from '../practice/PracticeDeadlineNote.tsx';
import { TaskAttachments } from './attachments/TaskAttachments.tsx';
import { closedNote } from './closedNote.ts';
import { DueChip } from './DueChip.tsx';
import { dueTime } from './dueTime.ts';
import { EndWaitEarly } from './EndWaitEarly.tsx';
import { FormBesideHelp } from './FormBesideHelp.tsx';
import type { FormValues } from './form.ts';
import { HandOffDialog } from './HandOffDialog.tsx';
import { InstanceData } from './InstanceData.tsx';
import { KeptAnswers } from './KeptAnswers.tsx';
import { KeptNote } from './KeptNote.tsx';
import type { KeptAnswer } from './keptAnswers.ts';
import { movedText } from './movedText.ts';
import { EMPTY_NOTE, type NoteDraft } from './NoteBox.tsx';
import { NoteBoxAlone } from './NoteBoxAlone.tsx';
import { NoteCard } from './NoteCard.tsx';
import { NotesForYou } from './NotesForYou.tsx';
import { AMBER_TEXT } from './palette.ts';
import type { RequestOf } from './requestLabel.ts';
import { TaskForm } from './TaskForm.tsx';
import { TaskHistory } from './TaskHistory.tsx';
import { draftStatusText, halfDoneText } from './taskDraft.ts';
import { thePool } from './thePool.ts';
import { useKeptCaret } from './useKeptCaret.ts';
import { useRoleName } from './useRoleName.ts';
import { useShowFromTop } from './useShowFromTop.ts';
import type { useTaskActions } from './useTaskActions.ts';
import { useTaskDetail } from './useTaskDetail.ts';
import { useTaskDraft } from './useTaskDraft.ts';
import { WithdrawButton } from './WithdrawButton.tsx';
import classes from './work.module.css';

interface Props {
  taskId: string | null;
  me: Me;
  now: number;
  nameOf: (userId: string | null | undefined, fallback?: string) => string;
  /** The request a task belongs to, as its queue row names it (or the task read, once it left the list). */
  requestOf: (task: RequestOf) => string;
  actions: ReturnType<typeof useTaskActions>;
  onClose?: () => void;
}

/** The right-hand side: one task — notes for the next role, its data and attached files, the outcome form (with the task's one note box) beside the step's help, history with notes. */
export function TaskPanel({ taskId, me, now, nameOf, requestOf, actions, onClose }: Props) {
  const detail = useTaskDetail(taskId);
  const client = useQueryClient();
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Tasks seen open in this panel: one that closes while shown, not finished here, was finished elsewhere.
  const seenOpen = useRef(new Set<string>());
  const roleName = useRoleName();
  // The note typed in the task's note box, kept here so that Release takes it along (not only an outcome).
  const [note, setNote] = useState<NoteDraft>(EMPTY_NOTE);
  // The form answers typed so far, in words: kept to copy should the task move away before they are sent.
  const [answers, setAnswers] = useState<KeptAnswer[]>([]);
  const [handingOff, setHandingOff] = useState(false);
  // What the reader types on a task they hold is kept on the server as its draft, and read back here.
  const heldTask = detail.data?.task;
  const draft = useTaskDraft(
    heldTask && heldTask.status === 'open' && heldTask.assignee === me.user.id ? heldTask.id : null,
  );
  const typedSoFar = useRef<{ fields: FormField[]; values: FormValues; note: NoteDraft }>({
    fields: [],
    values: {},
    note: EMPTY_NOTE,
  });
  // A draft read (or a newer one taken from another tab) brings its note back into the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when a draft is taken in
  useEffect(() => {
    if (!draft.restored) return;
    const kept = { body: draft.restored.note, forNextRole: draft.restored.forNextRole };
    typedSoFar.current.note = kept;
    setNote(kept);
  }, [draft.generation]);
  /** The person typed in the note box: kept, and saved with the answers as the draft. */
  const typeNote = (next: NoteDraft) => {
    setNote(next);
    typedSoFar.current.note = next;
    draft.change({ ...typedSoFar.current });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a different task starts with an empty box
  useEffect(() => {
    setNote(EMPTY_NOTE);
    setAnswers([]);
    setHandingOff(false);
    typedSoFar.current = { fields: [], values: {}, note: EMPTY_NOTE };
  }, [taskId]);
  useShowFromTop(detail.data?.task.id ?? null, section, heading);
  // A newer draft taken in rebuilds the form: the field being typed in keeps focus and caret.
  useKeptCaret(section, draft.mergedIn);

  if (taskId === null) {
    return (
      <EmptyState
        mt={80}
        mx="lg"
        icon={<MousePointerClick size={32} aria-hidden />}
        data-testid="task-panel-empty"
      >
        {/* A heading where an open task's title goes (beside the list's "My tasks"): found by heading. */}
        <EmptyState.Title order={2}>Pick a task to work on</EmptyState.Title>
        <EmptyState.Description>
          Choose a task from the list, or move with j and k and press Enter. Claim pool tasks with c.
        </EmptyState.Description>
      </EmptyState>
    );
  }

  const closeButton = onClose && (
    <ActionIcon
      variant="subtle"
      color="gray"
      onClick={onClose}
      aria-label="Close task"
      data-testid="task-panel-close"
    >
      <X size={18} aria-hidden />
    </ActionIcon>
  );

  if (detail.isPending) {
    return (
      <Stack
        p="md"
        gap="sm"
        role="status"
        aria-busy="true"
        aria-label="Loading task"
        data-testid="task-panel"
      >
        <Skeleton height={12} width="30%" />
        <Skeleton height={22} width="70%" />
        <Skeleton height={14} width="50%" />
        <Skeleton height={120} mt="md" />
        <Skeleton height={200} />
      </Stack>
    );
  }

  if (detail.isError) {
    const status = detail.error instanceof ApiError ? detail.error.status : 0;
    // Escalated or reassigned away from the reader: the server says what happened, said here in words.
    const moved =
      detail.error instanceof ApiError && detail.error.code === 'TASK_MOVED'
        ? TaskMoved.safeParse(detail.error.details)
        : null;
    const said = moved?.success ? movedText(moved.data, nameOf, roleName, now) : null;
    return (
      <Stack p="md" data-testid="task-panel">
        <Group justify="flex-end">{closeButton}</Group>
        <Alert
          color={status === 403 || status === 404 ? 'gray' : 'red'}
          icon={<Lock size={16} aria-hidden />}
          title={said?.title ?? 'This task is not available'}
          data-testid="task-unavailable"
        >
          {said
            ? said.message
            : status === 403
              ? 'It moved to a role you do not hold (for example, it was escalated or reassigned). It has left your list.'
              : status === 404
                ? 'It no longer exists.'
                : detail.error.message}
        </Alert>
        {/* What was typed in the form went with the task as its draft (if saved): said, and kept here to copy. */}
        {status === 403 && answers.length > 0 && (
          <KeptAnswers answers={answers} saved={draft.allSaved(taskId)} />
        )}
        {/* What was typed in the note box is not lost with the task: kept here to copy. */}
        {note.body.trim() !== '' && (
          <KeptNote
            text={note.body}
            why="This task moved to a role you do not hold, so you can no longer add to it."
            saved={status === 403 && draft.allSaved(taskId)}
          />
        )}
      </Stack>
    );
  }

  const { task, step, instance, notes, fields } = detail.data;
  // Named as the person saw it in the list, also after it left the list (taken, finished elsewhere).
  const labelled = { ...task, subject: detail.data.subject, requestStartedAt: instance.startedAt };
  const request = requestOf(labelled);
  // Written for this task by whoever handed the request on (the server picks them): shown above the form.
  const forYou = new Set(detail.data.forYou);
  const forMe = notes.filter((n) => forYou.has(n.id));
  const refreshNotes = () => {
    void client.invalidateQueries({ queryKey: ['task', task.id] });
    void client.invalidateQueries({ queryKey: ['instance', task.instanceId, 'history'] });
  };
  const mine = task.assignee === me.user.id;
  const unassigned = !task.assignee;
  // A step of another role in a practice run this person started: they play it (the server says so).
  const standIn = detail.data.practiceStandIn;
  const holdsRole = me.user.roles.includes(task.role) || standIn;
  const open = task.status === 'open';
  if (open) seenOpen.current.add(task.id);
  const closedWhileOpenHere = seenOpen.current.has(task.id) && !actions.completedHere(task.id);
  const closed = closedNote(task, me.user.id, nameOf, { now, closedWhileOpenHere });
  const canComplete = open && mine && holdsRole;
  const disabledReason = !open
    ? // Closed while someone may have been typing here: said beside the form too, who and when.
      task.outcome && closedWhileOpenHere
      ? closed.message
      : 'This task is closed.'
    : unassigned
      ? 'Claim this task to complete it.'
      : !mine
        ? `${nameOf(task.assignee)} has this task.`
        : !holdsRole
          ? `Only the ${roleName(task.role)} role can complete this task.`
          : null;

  return (
    <section ref={section} aria-labelledby="task-panel-title" data-testid="task-panel" data-task-id={task.id}>
      <Stack gap="md" p="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={4} style={{ minWidth: 0 }}>
            {/* The workflow as the clinic knows it: a version number says nothing to whoever works the
                task, and a change that matters to their role is said beside it ("what changed for you"). */}
            <Text size="xs" c="gray.7">
              {instance.definitionTitle}
            </Text>
            <Text size="sm" fw={600} id="task-panel-request" data-testid="task-panel-request">
              {request}
            </Text>
            {/* Focused when the panel goes on to another task, so its request is read out with it. */}
            <Title
              ref={heading}
              order={2}
              size="h3"
              id="task-panel-title"
              tabIndex={-1}
              aria-describedby="task-panel-request"
              className={classes.panelTitle}
            >
              {step?.title ?? task.title}
            </Title>
            <Group gap={6}>
              {task.practice && <PracticeBadge />}
              {standIn && <PlayedForPracticeBadge roleName={roleName(task.role)} />}
              {/* A finished task says when it was finished (below), not a deadline to work to. */}
              {open && <DueChip due={task.due} now={now} />}
              {open && task.due && (
                <Text size="xs" c="gray.7" data-testid="due-relative">
                  {dueTime(task.due, now).relative}
                </Text>
              )}
              <Badge size="sm" tt="none" variant="outline" color="gray.7">
                {roleName(task.role)}
              </Badge>
              {task.escalated && (
                <Badge
                  size="sm"
                  tt="none"
                  color="grape"
                  c="grape.9"
                  variant="light"
                  leftSection={<ArrowUpRight size={12} aria-hidden />}
                >
                  Escalated to {roleName(task.role)}
                </Badge>
              )}
              {(task.priority === 'urgent' || task.priority === 'high') && (
                <Badge
                  size="sm"
                  tt="none"
                  color={task.priority === 'urgent' ? 'red' : 'orange'}
                  c={task.priority === 'urgent' ? 'red.9' : AMBER_TEXT}
                  variant="light"
                  leftSection={<Flame size={12} aria-hidden />}
                >
                  {task.priority === 'urgent' ? 'Urgent' : 'High priority'}
                </Badge>
              )}
            </Group>
            <Group gap="xs" wrap="wrap">
              {/* A closed task was someone's: said in the past, under the notice of how it closed. */}
              <Text size="sm" data-testid="task-assignee">
                {unassigned
                  ? open
                    ? `Unassigned — waiting in ${thePool(roleName(task.role))}`
                    : `Was waiting in ${thePool(roleName(task.role))}`
                  : `${open ? 'Assigned' : 'Was assigned'} to ${mine ? 'you' : nameOf(task.assignee, 'a colleague')}`}
              </Text>
              {/* Beside who has it: handing it on names the next person, where Back to pool names nobody. */}
              {open && mine && !task.practice && !standIn && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<UserRoundPlus size={14} aria-hidden />}
                  onClick={() => {
                    // The colleague finds the answers typed up to now.
                    void draft.flush();
                    setHandingOff(true);
                  }}
                  data-testid="hand-off-button"
                >
                  Hand to a colleague
                </Button>
              )}
            </Group>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {open && unassigned && holdsRole && (
              <Button
                leftSection={<Hand size={16} aria-hidden />}
                onClick={() => actions.claim.mutate(task)}
                loading={actions.claim.isPending && actions.claim.variables?.id === task.id}
                data-testid="claim-button"
              >
                Claim
              </Button>
            )}
            {open && mine && (
              <Button
                variant="default"
                leftSection={<Undo2 size={16} aria-hidden />}
                onClick={async () => {
                  // Whoever takes it from the pool finds the answers typed up to now.
                  await draft.flush();
                  const typed = note.body.trim();
                  actions.release.mutate(
                    typed
                      ? {
                          task: labelled,
                          note: typed,
                          forNextRole: note.forNextRole,
                          onReleased: () => setNote(EMPTY_NOTE),
                        }
                      : { task: labelled },
                  );
                }}
                loading={actions.release.isPending && actions.release.variables?.task.id === task.id}
                data-testid="release-button"
              >
                {/* Not "Release": beside a lab result's "Release now" it read as releasing the result. */}
                Back to pool
              </Button>
            )}
            {closeButton}
          </Group>
        </Group>

        {open && standIn && <PlayedForPracticeNote roleName={roleName(task.role)} />}

        {open && task.practice && task.due && step?.deadline && (
          <PracticeDeadlineNote deadline={step.deadline} due={task.due} now={now} />
        )}

        {open && detail.data.withdrawable && (
          <Group
            gap="xs"
            justify="space-between"
            wrap="wrap"
            className={classes.withdrawOffer}
            data-testid="task-withdraw-offer"
          >
            <Text size="sm">You started this request and nobody has acted on it yet.</Text>
            <WithdrawButton instanceId={task.instanceId} label={request} />
          </Group>
        )}

        {!open && instance.status === 'cancelled' && !task.outcome && (
          <Alert color="gray" title="This request was cancelled" data-testid="task-request-cancelled">
            A lead cancelled it or whoever started it withdrew it, so nothing more is done on it. The history
            below says who and why.
          </Alert>
        )}
        {!open && !(instance.status === 'cancelled' && !task.outcome) && (
          <Alert color="gray" title={closed.title} data-testid="task-closed-note">
            {closed.message}
          </Alert>
        )}
        {/* Answers typed by whoever held it before: said (who and when), never shown to a non-holder. */}
        {open && !mine && detail.data.draft && (
          <Text size="sm" data-testid="task-draft-mark">
            {halfDoneText(detail.data.draft, now)}:{' '}
            {unassigned
              ? 'whoever claims it finds the answers filled in, to check before finishing.'
              : 'the answers are kept with the task for whoever holds it.'}
          </Text>
        )}
        {open && !unassigned && !mine && (
          <Alert
            color="orange"
            variant="light"
            title="Someone else has this task"
            styles={{ title: { color: AMBER_TEXT } }}
            data-testid="task-taken-note"
          >
            {nameOf(task.assignee)} is working on it. You can read it and comment, but not complete it.
          </Alert>
        )}

        <NotesForYou notes={forMe} taskId={task.id} nameOf={nameOf} now={now} />

        {instance.status === 'active' && !task.practice && (
          <EndWaitEarly
            instanceId={task.instanceId}
            active={instance.active}
            roles={me.user.roles}
            now={now}
            onEnded={refreshNotes}
          />
        )}

        {handingOff && (
          <HandOffDialog
            task={labelled}
            request={request}
            roleName={roleName(task.role)}
            typed={note.body}
            onClose={() => setHandingOff(false)}
            onHanded={() => {
              setHandingOff(false);
              setNote(EMPTY_NOTE);
            }}
          />
        )}

        <div>
          <Title order={3} size="h5" mb={6}>
            Request details
          </Title>
          <InstanceData data={instance.data} fields={fields} />
        </div>

        <TaskAttachments
          instanceId={task.instanceId}
          taskId={task.id}
          stepTitle={step?.title ?? null}
          taskOpen={open}
          requestActive={instance.status === 'active'}
          me={me}
          now={now}
          nameOf={nameOf}
          onClosed={() => void client.invalidateQueries({ queryKey: ['task', task.id] })}
        />

        <Divider />

        {draft.newer && (
          <Alert
            color="blue"
            variant="light"
            title="A newer draft was saved elsewhere"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={draft.dismissNewer}
            data-testid="draft-newer"
          >
            This task was also typed on in another tab or window. Its newer answers are shown here, with what
            you typed in this tab since kept over them; the two are saved together.
          </Alert>
        )}

        {draft.unseenFrom && (
          <Alert
            color="orange"
            variant="light"
            title="Not finished yet: check the answers typed before you"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={draft.dismissUnseen}
            styles={{ title: { color: AMBER_TEXT } }}
            data-testid="draft-unseen"
          >
            {draft.unseenFrom} typed answers on this task before it came to you; they could not be shown
            earlier. They are filled in below, with what you typed kept over them. Check them, then choose the
            outcome again.
          </Alert>
        )}

        {/* A finished task, looked back at (from Done): what was answered is in the request's details
            above, and the form to finish it is not offered again. One that closed while open here keeps
            its form, with what was being typed in it. */}
        {step && (open || closedWhileOpenHere) ? (
          <FormBesideHelp
            form={
              <TaskForm
                key={`${task.id}:${draft.generation}`}
                task={task}
                fields={step.form}
                outcomes={step.outcomes}
                data={instance.data}
                canComplete={canComplete && draft.ready}
                canAddNote={instance.status === 'active'}
                onNoteAdded={refreshNotes}
                note={note}
                onNoteChange={typeNote}
                onAnswersChange={setAnswers}
                restored={draft.restored}
                meId={me.user.id}
                onValuesStart={(fields, values) => {
                  typedSoFar.current = { ...typedSoFar.current, fields, values };
                }}
                onValuesChange={(fields, values) => {
                  typedSoFar.current = { ...typedSoFar.current, fields, values };
                  draft.change({ ...typedSoFar.current });
                }}
                onLeaveField={() => void draft.flush()}
                draftStatus={
                  canComplete ? (
                    <Text size="xs" c="gray.7" aria-live="polite" data-testid="draft-status">
                      {draftStatusText(
                        {
                          saving: draft.saving,
                          problem: draft.problem,
                          savedAt: draft.savedAt,
                          restored: draft.restored,
                        },
                        me.user.id,
                      ) ?? 'What you type here is kept as a draft until you finish, also if you reload.'}
                    </Text>
                  ) : null
                }
                disabledReason={canComplete && !draft.ready ? 'Loading your draft…' : disabledReason}
                busyOutcome={
                  actions.complete.isPending && actions.complete.variables?.task.id === task.id
                    ? actions.complete.variables.outcome
                    : null
                }
                onComplete={async (outcome, data, note, forNextRole) => {
                  const draftSeen = draft.seen();
                  const done = await actions.complete
                    .mutateAsync(
                      note
                        ? { task: labelled, outcome, data, note, forNextRole, draftSeen }
                        : { task: labelled, outcome, data, draftSeen },
                    )
                    .catch((error: unknown) => {
                      // A colleague's answers this form never showed: taken in and said, not removed.
                      draft.unseenRefusal(error);
                      throw error;
                    });
                  // Finished: the server removed the draft with the task.
                  draft.discard();
                  return done;
                }}
              />
            }
            help={
              step.help ? (
                <StepHelp help={step.help} stepTitle={step.title} className={classes.helpBox} />
              ) : null
            }
          />
        ) : !open ? (
          // The request may still take a note.
          <NoteBoxAlone
            instanceId={task.instanceId}
            openTaskId={null}
            canAddNote={instance.status === 'active'}
            onAdded={refreshNotes}
            draft={note}
            onChange={typeNote}
          />
        ) : (
          <>
            <Text size="sm" c="gray.7">
              This step has no form.
            </Text>
            {/* Stays when the request ends meanwhile, so a note being typed is kept to copy. */}
            <NoteBoxAlone
              instanceId={task.instanceId}
              openTaskId={open ? task.id : null}
              canAddNote={instance.status === 'active'}
              onAdded={refreshNotes}
              draft={note}
              onChange={typeNote}
            />
          </>
        )}

        <Divider />
        <div>
          <Title order={3} size="h5" mb={6}>
            History so far
          </Title>
          <TaskHistory
            instanceId={task.instanceId}
            nameOf={nameOf}
            now={now}
            notes={notes}
            renderNote={(note) => (
              <NoteCard
                note={note}
                nameOf={nameOf}
                now={now}
                meId={me.user.id}
                canEdit={instance.status === 'active'}
                onChanged={refreshNotes}
              />
            )}
          />
        </div>
      </Stack>
    </section>
  );
}
