import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { TaskDraft } from '@portalflow/contract';
import { askedFields, type FormField } from '@portalflow/engine';
import { CircleAlert } from 'lucide-react';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { Task } from '../api/types.ts';
import { fieldProblems } from '../forms/fieldProblems.ts';
import { loadPatternChecks, usePatternChecks } from '../forms/patternChecks.ts';
import { FormFieldInput } from './FormFieldInput.tsx';
import {
  attentionSummary,
  checkForm,
  type FieldErrors,
  type FormValues,
  fieldInputId,
  initialValues,
  recheck,
  toSubmission,
} from './form.ts';
import { humanize } from './format.ts';
import { type KeptAnswer, keptAnswers } from './keptAnswers.ts';
import { EMPTY_NOTE, type NoteDraft } from './NoteBox.tsx';
import { TaskNote } from './TaskNote.tsx';
import { restoredLabel, withDraft } from './taskDraft.ts';
import { useAddNote } from './useAddNote.ts';

interface Props {
  task: Task;
  fields: FormField[];
  outcomes: string[];
  data: Record<string, unknown>;
  /** False until the person has claimed the task. */
  canComplete: boolean;
  /** Notes may be added (the request is still active). */
  canAddNote: boolean;
  /** A note saved now, without finishing: the panel reads the notes again. */
  onNoteAdded: () => void;
  /** The note typed in the task's note box: the panel keeps it, so Release can take it along. */
  note: NoteDraft;
  onNoteChange: (note: NoteDraft) => void;
  /** What has been typed into the form, in words: the panel keeps it should the task move away unsent. */
  onAnswersChange?: (answers: KeptAnswer[]) => void;
  /** The task's draft as read when it was opened: its answers fill the form, each marked. */
  restored?: TaskDraft | null;
  meId?: string;
  /** Every change of the answers, as the inputs hold them (the panel saves them as the task's draft). */
  onValuesChange?: (fields: FormField[], values: FormValues) => void;
  /** The answers the form starts from (the draft's among them): what a note-only save keeps. */
  onValuesStart?: (fields: FormField[], values: FormValues) => void;
  /** A field was left: what was typed is saved now rather than after the pause. */
  onLeaveField?: () => void;
  /** Whether what is typed is kept ("Draft saved 9:14 AM"), shown under the note box. */
  draftStatus?: ReactNode;
  disabledReason: string | null;
  busyOutcome: string | null;
  onComplete: (
    outcome: string,
    data: Record<string, unknown>,
    note: string | undefined,
    forNextRole: boolean,
  ) => Promise<unknown>;
}

/**
 * The step's form generated from its fields, the task's one note box, and one button per outcome.
 * Checked in the browser with the engine's validateForm before sending; the server's per-field errors
 * land on the same fields. The note goes with the outcome, or is saved now — by anyone working the
 * request, claimed or not.
 */
export function TaskForm({
  task,
  fields: stepFields,
  outcomes,
  data,
  canComplete,
  canAddNote,
  onNoteAdded,
  note,
  onNoteChange: setNote,
  onAnswersChange,
  restored = null,
  meId = '',
  onValuesChange,
  onValuesStart,
  onLeaveField,
  draftStatus,
  disabledReason,
  busyOutcome,
  onComplete,
}: Props) {
  // What the engine works out when the step is finished (months since a visit) is nobody's to type.
  const fields = useMemo(() => askedFields(stepFields), [stepFields]);
  usePatternChecks(fields);
  const start = () => withDraft(fields, initialValues(fields, data), restored);
  const [values, setValues] = useState<FormValues>(() => start().values);
  // Fields the draft filled in, marked until the person changes them.
  const [fromDraft, setFromDraft] = useState<Set<string>>(() => start().restored);
  const [errors, setErrors] = useState<FieldErrors>({});
  const addNow = useAddNote(task.instanceId, task.status === 'open' ? task.id : null, () => {
    setNote(EMPTY_NOTE);
    onNoteAdded();
  });
  const [summary, setSummary] = useState<string | null>(null);
  // The outcome last tried and refused: from then on every change is checked again against it.
  const [tried, setTried] = useState<string | null>(null);

  // A different task starts from its own data.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the task changes
  useEffect(() => {
    const next = start();
    setValues(next.values);
    setFromDraft(next.restored);
    onValuesStart?.(fields, next.values);
    setErrors({});
    setSummary(null);
    setTried(null);
  }, [task.id]);

  function focusFirst(errs: FieldErrors) {
    const first = fields.find((f) => errs[f.id]);
    if (!first) return;
    const id = fieldInputId(task.id, first.id);
    const el = document.getElementById(`${id}-yes`) ?? document.getElementById(id);
    el?.focus();
  }

  async function finish(outcome: string) {
    setTried(outcome);
    // A pattern's check not here yet (the first moments on a slow link): waited for, so the answer
    // is checked here as the server will; if it cannot come, the server's own check answers.
    if (fields.some((f) => f.pattern !== undefined)) await loadPatternChecks().catch(() => undefined);
    const errs = checkForm(fields, values, outcome);
    setErrors(errs);
    setSummary(attentionSummary(errs, outcome));
    if (Object.keys(errs).length > 0) {
      focusFirst(errs);
      return;
    }
    try {
      await onComplete(
        outcome,
        toSubmission(fields, values),
        note.body.trim() === '' ? undefined : note.body.trim(),
        note.forNextRole,
      );
    } catch (error) {
      const server = fieldProblems(error);
      if (server) {
        setErrors({ ...server });
        setSummary(error instanceof Error ? error.message : 'The form is not complete.');
        focusFirst(server);
      }
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // Enter in a field finishes only when there is a single, unambiguous outcome.
    if (outcomes.length === 1 && canComplete) void finish(outcomes[0]!);
  }

  const disabled = !canComplete || busyOutcome !== null;
  return (
    <form
      onSubmit={onSubmit}
      onBlur={onLeaveField}
      noValidate
      aria-labelledby={`form-title-${task.token}`}
      data-testid="task-form"
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id={`form-title-${task.token}`}>
          Finish this step
        </Title>
        {summary && (
          <Alert color="red" variant="light" icon={<CircleAlert size={16} aria-hidden />} role="alert" p="xs">
            {summary}
          </Alert>
        )}
        {fields.length === 0 && (
          <Text size="sm" c="gray.7">
            This step has no form: choose the outcome below.
          </Text>
        )}
        {fields.map((field) => (
          <div key={field.id}>
            <FormFieldInput
              field={field}
              value={values[field.id]}
              error={errors[field.id]}
              disabled={!canComplete}
              inputId={fieldInputId(task.id, field.id)}
              onChange={(value) => {
                const next = { ...values, [field.id]: value };
                setValues(next);
                onValuesChange?.(fields, next);
                if (fromDraft.has(field.id))
                  setFromDraft((kept) => new Set([...kept].filter((id) => id !== field.id)));
                onAnswersChange?.(keptAnswers(fields, initialValues(fields, data), next));
                if (tried !== null) {
                  const checked = recheck(fields, next, tried);
                  setErrors(checked.errors);
                  setSummary(checked.summary);
                } else if (errors[field.id]) setErrors(({ [field.id]: _gone, ...rest }) => rest);
              }}
            />
            {restored && fromDraft.has(field.id) && (
              <Text size="xs" c="blue.9" mt={2} data-testid={`draft-restored-${field.id}`}>
                {restoredLabel(restored, meId)}
              </Text>
            )}
          </div>
        ))}
        <TaskNote
          draft={note}
          onChange={setNote}
          canAddNote={canAddNote}
          taskOpen={task.status === 'open'}
          withOutcome={canComplete}
          saving={addNow.isPending}
          disabled={busyOutcome !== null}
          onSaveNow={() => addNow.mutate({ body: note.body.trim(), forNextRole: note.forNextRole })}
        />
        {draftStatus}
        {disabledReason && (
          <Text size="sm" c="gray.7" id={`outcomes-hint-${task.token}`}>
            {disabledReason}
          </Text>
        )}
        <Group gap="xs" role="group" aria-label="Outcomes">
          {outcomes.map((outcome, i) => (
            <Button
              key={outcome}
              type="button"
              variant={i === 0 ? 'filled' : 'default'}
              disabled={disabled && busyOutcome !== outcome}
              loading={busyOutcome === outcome}
              onClick={() => void finish(outcome)}
              aria-describedby={disabledReason ? `outcomes-hint-${task.token}` : undefined}
              data-testid={`outcome-button-${outcome}`}
            >
              {humanize(outcome)}
            </Button>
          ))}
        </Group>
      </Stack>
    </form>
  );
}
