import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import {
  findOpenMatches,
  type OpenMatch,
  type Startable,
  startableRequests,
  startRequest,
} from '@portalflow/contract';
import { chartNumbersIn } from '@portalflow/engine';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CircleAlert, Plus } from 'lucide-react';
import { type FormEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { call } from '../api/call.ts';
import { newIdempotencyKey } from '../api/client.ts';
import { fieldProblems, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { loadPatternChecks, usePatternChecks } from '../forms/patternChecks.ts';
import { roleName } from '../roles/roleName.ts';
import { focusOnShow } from '../shell/focusOnShow.ts';
import { countOf } from '../shell/plural.ts';
import { type AttachFailure, attachAll, type PendingFile } from './attachments/attachAll.ts';
import { ChooseFiles } from './attachments/ChooseFiles.tsx';
import { NotAttachedAlert } from './attachments/NotAttachedAlert.tsx';
import { FormFieldInput } from './FormFieldInput.tsx';
import {
  attentionSummary,
  checkForm,
  type FieldErrors,
  type FormValues,
  initialValues,
  recheck,
  toSubmission,
} from './form.ts';
import { OpenMatchesAlert } from './OpenMatchesAlert.tsx';
import { RequestNamePreview } from './RequestNamePreview.tsx';
import { RequestStatusDialog } from './RequestStatus.tsx';
import { acceptedAnswers } from './requestName.ts';
import { useRoleCatalog } from './useRoleCatalog.ts';
import { showStarted } from './withdrawRequest.tsx';

export type { Startable };

export function useStartable(enabled: boolean) {
  return useQuery({
    queryKey: ['requests', 'startable'],
    queryFn: () => call(startableRequests, {}).then((r) => r.workflows),
    enabled,
    staleTime: 60_000,
  });
}

const inputId = (definitionId: string, fieldId: string) => `new-request-${definitionId}-${fieldId}`;

/** Each start form field's input id, in the form's order. */
const fieldIds = (workflow: Startable, fields: readonly { id: string }[]) =>
  Object.fromEntries(fields.map((f) => [f.id, inputId(workflow.definitionId, f.id)]));

/**
 * **New request** at the top of My work: pick a workflow you may start, fill in its start form, and
 * its first task lands in its pool. Built for a phone call: the first field has focus, Enter sends,
 * and the idempotency key is made when the form opens, so a double submit starts one request. An open
 * request with the same subject (the pharmacy faxed, then the patient called) is shown first; a second
 * Enter starts another anyway.
 */
export function NewRequestButton() {
  const startable = useStartable(true);
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const workflows = startable.data ?? [];
  if (workflows.length === 0) return null;
  // The dialog goes with its focus: back to this button, unless the close put it somewhere (the
  // "Request started" notice takes it).
  const close = () => {
    setOpened(false);
    requestAnimationFrame(() => {
      const now = document.activeElement;
      if (!now || now === document.body) button.current?.focus();
    });
  };
  return (
    <>
      <Button
        ref={button}
        leftSection={<Plus size={16} aria-hidden />}
        onClick={() => setOpened(true)}
        data-testid="new-request"
      >
        New request
      </Button>
      {opened && <NewRequestDialog workflows={workflows} onClose={close} />}
    </>
  );
}

/**
 * The form's answers with each patient field as the chart number the server will keep ("Patient/…",
 * the EHR's full address, "demo-5001" → DEMO-5001): checked against the workflow's pattern as that,
 * as the server checks it.
 */
const asKept = (workflow: Startable, values: FormValues): FormValues =>
  chartNumbersIn(workflow.patientFields, values);

/** A request this dialog started, its files still being sent. */
interface Started {
  instanceId: string;
  taskId: string | undefined;
  label: string;
  /** Files already attached to it. */
  attached: number;
  /** The role whose pool its first task waits in, by name; none when it starts with a wait. */
  pool?: string | null;
}

function NewRequestDialog({ workflows, onClose }: { workflows: Startable[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const roles = useRoleCatalog();
  const focusRefused = useFocusFirstRefused();
  const [definitionId, setDefinitionId] = useState<string | null>(
    workflows.length === 1 ? workflows[0]!.definitionId : null,
  );
  const workflow = workflows.find((w) => w.definitionId === definitionId) ?? null;
  const fields = workflow?.form ?? [];
  usePatternChecks(fields);
  const [typed, setValues] = useState<FormValues>({});
  // The form as it opened: anything else was typed for the caller, and is not thrown away unasked.
  const [blank, setBlank] = useState<FormValues>({});
  const [confirming, setConfirming] = useState(false);
  const keepTypingButton = useRef<HTMLButtonElement>(null);
  const typingIn = useRef<HTMLElement | null>(null);
  // What the preview and the checks read: the patient as the chart number it will be kept as.
  const values = workflow ? asKept(workflow, typed) : typed;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  // Sent once: from then on every change is checked again, so the errors follow the corrections.
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  // One key per opened form: every submit of this form (a double click, a retry) is the same request.
  const [key, setKey] = useState(newIdempotencyKey);
  // Open requests with the subject these values give, and the values they were found for: a second
  // submit of the same values starts it anyway; any change checks again.
  const [matches, setMatches] = useState<{ for: string; found: OpenMatch[] } | null>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const matchesShown = useRef<HTMLDivElement>(null);
  // Files go after the request is started, onto its first task. Once it is started the form is spent:
  // a file the server refused can be taken off or chosen again and sent, or attached later in My work.
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [started, setStarted] = useState<Started | null>(null);
  const [failures, setFailures] = useState<AttachFailure[]>([]);
  const [progress, setProgress] = useState<string | null>(null);
  // An open request the warning named, opened in Request status over this form (which stays as it is).
  const [shownMatch, setShownMatch] = useState<string | null>(null);

  // A newly picked workflow starts from an empty form, with the first field focused.
  // Keyed by id, not the object: a background refetch of the list must not wipe what is being typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another workflow is picked
  useEffect(() => {
    if (!workflow) return;
    const empty = initialValues(workflow.form, {});
    setValues(empty);
    setBlank(empty);
    setErrors({});
    setSummary(null);
    setTried(false);
    setMatches(null);
    setFiles([]);
    setKey(newIdempotencyKey());
    const first = workflow.form[0];
    if (first)
      requestAnimationFrame(() => document.getElementById(inputId(workflow.definitionId, first.id))?.focus());
  }, [workflow?.definitionId]);

  // The fields were disabled during the check for open matches: "Start anyway" takes the focus in the
  // same commit that shows them (before the browser paints), so Enter decides with no gap to fall in.
  // Then the warning's first lines (which request is open) are brought into view above it.
  useLayoutEffect(() => {
    if (busy || !matches || matches.found.length === 0) return;
    submitButton.current?.focus();
    matchesShown.current?.scrollIntoView({ block: 'nearest' });
  }, [matches, busy]);

  function focusField(errs: FieldErrors) {
    const first = fields.find((f) => errs[f.id]);
    if (workflow && first) document.getElementById(inputId(workflow.definitionId, first.id))?.focus();
  }

  /** Sends the chosen files to the started request; closes when all are attached. */
  async function sendFiles(to: Started, sending: readonly PendingFile[]) {
    const total = sending.length;
    setProgress(`Attaching ${countOf(total, 'file')}…`);
    const refused = await attachAll(to.instanceId, to.taskId, sending, (done) =>
      setProgress(done < total ? `Attaching file ${done + 1} of ${total}…` : null),
    );
    setProgress(null);
    setFailures(refused);
    setFiles(refused.map((f) => f.pending));
    if (refused.length === 0) {
      showStarted(to, to.attached + total);
      onClose();
    } else {
      setStarted({ ...to, attached: to.attached + total - refused.length });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!workflow || busy) return;
    if (started) {
      setBusy(true);
      await sendFiles(started, files).finally(() => setBusy(false));
      return;
    }
    setTried(true);
    // Sent with Enter from the patient box, never left: it shows the chart number that is checked and sent.
    setValues(values);
    if (fields.some((f) => f.pattern !== undefined)) await loadPatternChecks().catch(() => undefined);
    const errs = checkForm(fields, values);
    setErrors(errs);
    setSummary(attentionSummary(errs));
    if (Object.keys(errs).length > 0) {
      focusField(errs);
      return;
    }
    setBusy(true);
    try {
      const body = { definitionId: workflow.definitionId, data: toSubmission(fields, values) };
      const asked = JSON.stringify(body);
      if (workflow.hasSubject && matches?.for !== asked) {
        const found = (await call(findOpenMatches, { body })).matches;
        setMatches({ for: asked, found });
        if (found.length > 0) return;
      }
      const answer = await call(startRequest, { body, idempotencyKey: key });
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      const first = answer.instance.active.find((a) => a.kind === 'task');
      const to: Started = {
        instanceId: answer.instance.id,
        // The first step's task, so the file is listed on the step it was brought for.
        taskId: first?.taskId,
        // The pool by the clinic's role title, as My work names it, not by the workflow's lane label.
        pool: first?.role
          ? roleName(
              first.role,
              (r) => roles.data?.get(r),
              () => first.roleName ?? undefined,
            )
          : first?.roleName,
        label: answer.subject ?? workflow.title,
        attached: 0,
      };
      if (files.length > 0) {
        setStarted(to);
        await sendFiles(to, files);
        return;
      }
      showStarted(to, 0);
      onClose();
    } catch (error) {
      // A field the browser let through and the server refused (the workflow changed meanwhile, the
      // clinic's date is not this computer's): its words go under it, and it takes the focus once the
      // fields are enabled again.
      const refused = fieldProblems(error) ?? {};
      setErrors({ ...refused });
      const named = fields.some((f) => refused[f.id]);
      setSummary(
        named
          ? attentionSummary(refused)
          : error instanceof Error
            ? error.message
            : 'The request could not be started.',
      );
      if (named) focusRefused(refused, fieldIds(workflow, fields));
    } finally {
      setBusy(false);
    }
  }

  const typedSomething =
    started === null && (files.length > 0 || JSON.stringify(typed) !== JSON.stringify(blank));
  const backToTyping = () => {
    setConfirming(false);
    requestAnimationFrame(() => typingIn.current?.focus());
  };
  // Escape (often pressed twice: once for a list, once more), the close button or a click beside the
  // dialog ask first when something was typed or attached: a caller's answers were lost to a stray key.
  // Escape at the question keeps typing.
  const close = () => {
    if (started) {
      showStarted(started, started.attached);
      onClose();
    } else if (confirming) backToTyping();
    else if (typedSomething) {
      typingIn.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setConfirming(true);
    } else onClose();
  };
  useEffect(() => {
    if (confirming) keepTypingButton.current?.focus();
  }, [confirming]);

  return (
    <Modal
      opened
      onClose={close}
      title="New request"
      size="md"
      closeButtonProps={{ 'aria-label': 'Close' }}
      data-testid="new-request-dialog"
    >
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="new-request-form">
        <Stack gap="sm">
          {confirming && (
            <Alert
              color="orange"
              variant="light"
              role="alert"
              title="Close without starting?"
              data-testid="new-request-discard"
            >
              <Text size="sm">What you typed for this caller will be lost.</Text>
              <Group gap="xs" mt="xs">
                <Button
                  ref={keepTypingButton}
                  size="xs"
                  onClick={backToTyping}
                  data-testid="new-request-keep-typing"
                >
                  Keep typing
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={onClose}
                  data-testid="new-request-discard-confirm"
                >
                  Close without starting
                </Button>
              </Group>
            </Alert>
          )}
          <Select
            label="Workflow"
            placeholder="Pick what the caller needs"
            data={workflows.map((w) => ({ value: w.definitionId, label: w.title }))}
            value={definitionId}
            onChange={setDefinitionId}
            disabled={started !== null}
            searchable
            // On a call: type a word of the workflow's name and press Enter to pick it.
            selectFirstOptionOnChange
            data-autofocus={workflow ? undefined : true}
            ref={workflow ? undefined : focusOnShow}
            data-testid="new-request-workflow"
          />
          {workflow?.description && (
            <Text size="xs" c="gray.7" lineClamp={3}>
              {workflow.description}
            </Text>
          )}
          {summary && (
            <Alert
              color="red"
              variant="light"
              icon={<CircleAlert size={16} aria-hidden />}
              role="alert"
              p="xs"
            >
              {summary}
            </Alert>
          )}
          {workflow &&
            fields.map((field, i) => (
              <FormFieldInput
                autoFocus={i === 0}
                key={field.id}
                field={field}
                value={typed[field.id]}
                error={errors[field.id]}
                disabled={busy || started !== null}
                inputId={inputId(workflow.definitionId, field.id)}
                onBlur={
                  workflow.patientFields.includes(field.id)
                    ? () => {
                        // The pasted EHR address or "demo-5001" becomes the chart number it will be kept as.
                        if (values[field.id] !== typed[field.id]) setValues(values);
                      }
                    : undefined
                }
                onChange={(value) => {
                  const next = { ...typed, [field.id]: value };
                  setValues(next);
                  setMatches(null);
                  if (tried) {
                    const checked = recheck(fields, asKept(workflow, next));
                    setErrors(checked.errors);
                    setSummary(checked.summary);
                  } else if (errors[field.id]) setErrors(({ [field.id]: _gone, ...rest }) => rest);
                }}
              />
            ))}
          {workflow && <RequestNamePreview workflow={workflow} data={acceptedAnswers(fields, values)} />}
          {workflow && <ChooseFiles files={files} onChange={setFiles} disabled={busy} />}
          {started && failures.length > 0 && (
            <NotAttachedAlert failures={failures} attached={started.attached} />
          )}
          {/* Just above "Start anyway", which takes the focus: above the fields, a long form scrolled
              it out of view on a laptop, and the desk decided without seeing which request is open. */}
          {matches && matches.found.length > 0 && (
            <div ref={matchesShown}>
              <OpenMatchesAlert matches={matches.found} onShow={(m) => setShownMatch(m.instanceId)} />
            </div>
          )}
          {/* A submit button makes Enter in any field send the form. */}
          <Group gap="xs" grow>
            {started && (
              <Button variant="default" onClick={close} disabled={busy} data-testid="new-request-close">
                Close
              </Button>
            )}
            <Button
              ref={submitButton}
              type="submit"
              disabled={!workflow || (started !== null && files.length === 0)}
              loading={busy}
              variant={matches && matches.found.length > 0 ? 'default' : 'filled'}
              data-testid="new-request-submit"
            >
              {started
                ? 'Attach again'
                : matches && matches.found.length > 0
                  ? 'Start anyway'
                  : 'Start request'}
            </Button>
          </Group>
          {progress && (
            <Text size="xs" c="gray.7" role="status" data-testid="new-request-progress">
              {progress}
            </Text>
          )}
        </Stack>
      </form>
      {shownMatch && (
        <RequestStatusDialog
          instanceId={shownMatch}
          onClose={() => {
            setShownMatch(null);
            // Back to deciding: "Start anyway" has the focus again, as when the warning showed.
            requestAnimationFrame(() => submitButton.current?.focus());
          }}
        />
      )}
    </Modal>
  );
}
