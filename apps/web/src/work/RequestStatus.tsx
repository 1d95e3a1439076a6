import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { findRequestStatus, type RequestStatus } from '@portalflow/contract';
import { chartNumber } from '@portalflow/engine';
import { Search } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import { StatusBadge } from '../audit/StatusBadge.tsx';
import { useMe } from '../auth/useMe.ts';
import { loadPatternChecks } from '../forms/patternChecks.ts';
import { focusOnShow } from '../shell/focusOnShow.ts';
import { countOf } from '../shell/plural.ts';
import { formatWhen } from '../shell/time.ts';
import { CHART_NUMBER_EXAMPLE } from './chartExample.ts';
import { EndWaitOffer } from './EndWaitEarly.tsx';
import { useStartable } from './NewRequest.tsx';
import { RequestStatusNote } from './RequestStatusNote.tsx';
import { referenceProblem } from './referenceProblem.ts';
import { waitingText, waitText } from './statusText.ts';
import { WithdrawButton } from './WithdrawButton.tsx';

/**
 * **Request status** at the top of My work, for the call "where is my refill?": the patient's open
 * requests, and those finished in the last 30 days, each with the role it waits on and until when.
 * The reference is sent in a POST body (never in a URL) and nothing is kept once the dialog closes.
 * A request the caller started and nobody has acted on yet can be withdrawn from its row.
 */
export function RequestStatusButton() {
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // The dialog is gone before Mantine could hand the focus back: this button takes it, not the page
  // (where the next Tab started again at "Skip to main content").
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
        variant="default"
        leftSection={<Search size={16} aria-hidden />}
        onClick={() => setOpened(true)}
        data-testid="request-status"
      >
        Request status
      </Button>
      {opened && <RequestStatusDialog onClose={close} />}
    </>
  );
}

/**
 * The lookup by patient reference; or, given `instanceId` (the warning about an already open request
 * links here), that one request, as much of it as the person may read.
 */
export function RequestStatusDialog({ onClose, instanceId }: { onClose: () => void; instanceId?: string }) {
  const [patient, setPatient] = useState('');
  const [found, setFound] = useState<{ requests: RequestStatus[]; days: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const workflows = useStartable(instanceId === undefined).data ?? [];

  async function lookUp() {
    setBusy(true);
    setError(null);
    try {
      const body = instanceId ? { instanceId } : { patient: chartNumber(patient) };
      setFound(await call(findRequestStatus, { body }));
    } catch (e) {
      setFound(null);
      setError(
        // The server's check of the reference speaks to programs ("patient: Too big…"), not to the desk.
        e instanceof ApiError && e.code === 'VALIDATION_FAILED'
          ? `That is not a patient reference: enter the chart number, e.g. ${CHART_NUMBER_EXAMPLE}.`
          : e instanceof ApiError
            ? e.message
            : 'The lookup failed. Try again.',
      );
    } finally {
      setBusy(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: one request is read once, when it is opened
  useEffect(() => {
    if (instanceId) void lookUp();
  }, [instanceId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (patient.trim() === '') {
      setError('Enter the patient reference the caller gives.');
      return;
    }
    // Sent with Enter, never left: the box shows the chart number looked up.
    setPatient(chartNumber(patient));
    // The reference is checked against the workflows' chart-number pattern before it is sent: a
    // check that cannot be fetched sends nothing (a name typed there must never leave unchecked).
    const checked = await loadPatternChecks().then(
      () => true,
      () => false,
    );
    if (!checked) {
      setFound(null);
      setError('This page could not load its reference check. Reload the page and look it up again.');
      return;
    }
    const problem = referenceProblem(patient, workflows);
    if (problem) {
      setFound(null);
      setError(problem);
      return;
    }
    await lookUp();
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title="Request status"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {instanceId ? (
        error && (
          <Alert color="red" variant="light" data-testid="request-status-error">
            {error}
          </Alert>
        )
      ) : (
        <form onSubmit={submit} data-testid="request-status-form">
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label="Patient reference"
              description={`As on the caller's chart, e.g. ${CHART_NUMBER_EXAMPLE}`}
              value={patient}
              onChange={(e) => {
                setPatient(e.currentTarget.value);
                setFound(null);
              }}
              // The EHR's address copied off the chart, or "demo-3001", shown as the chart number looked up.
              onBlur={() => setPatient(chartNumber(patient))}
              data-autofocus
              ref={focusOnShow}
              autoComplete="off"
              error={error ?? undefined}
              style={{ flex: 1 }}
              data-testid="request-status-patient"
            />
            <Button type="submit" loading={busy} data-testid="request-status-submit">
              Look up
            </Button>
          </Group>
        </form>
      )}
      {/* Said by a screen reader after Look up, whose focus stays in the box: how many were found, never
          whose (a miss is said by its own alert). Present from the start, so the change is announced. */}
      {!instanceId && (
        <VisuallyHidden role="status" data-testid="request-status-found">
          {found && found.requests.length > 0 ? `${countOf(found.requests.length, 'request')} found.` : ''}
        </VisuallyHidden>
      )}
      {/* A withdrawal (or one refused as too late) changes the rows: they are read again. */}
      {found && (
        <Results
          requests={found.requests}
          days={found.days}
          one={instanceId !== undefined}
          onChanged={() => void lookUp()}
        />
      )}
    </Modal>
  );
}

function Results({
  requests,
  days,
  one,
  onChanged,
}: {
  requests: RequestStatus[];
  days: number;
  /** The one request the warning about an already open one named, not a patient's list. */
  one: boolean;
  onChanged: () => void;
}) {
  const now = Date.now();
  const me = useMe().data?.user;
  const roles = me?.roles ?? [];
  if (requests.length === 0 && one)
    return (
      <Alert color="gray" variant="light" data-testid="request-status-none">
        This request is no longer there.
      </Alert>
    );
  if (requests.length === 0)
    return (
      <Alert mt="md" color="gray" variant="light" data-testid="request-status-none">
        No open request for this reference, and none finished in the last {days} days. Check the reference
        with the caller; a request started on paper or by phone elsewhere is not here.
      </Alert>
    );
  return (
    <Stack gap="xs" mt={one ? 0 : 'md'} data-testid="request-status-results">
      <Text size="xs" c="dimmed">
        {one
          ? 'The request already open with the same subject, as it is now.'
          : `Open requests first, then those finished in the last ${days} days.`}
      </Text>
      {requests.map((r) => (
        <Paper
          key={r.instanceId}
          withBorder
          p="sm"
          data-testid="request-status-row"
          data-instance-id={r.instanceId}
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <div>
              <Text fw={600} size="sm">
                {r.subject ?? r.workflow}
              </Text>
              <Text size="xs" c="gray.7">
                {r.subject ? `${r.workflow} · ` : ''}started {formatWhen(r.startedAt)}
                {r.endedAt &&
                  ` · ${r.status === 'cancelled' ? 'cancelled' : 'finished'} ${formatWhen(r.endedAt)}`}
              </Text>
            </div>
            <StatusBadge status={r.status} />
          </Group>
          {r.cancelReason && (
            <Text size="sm" mt={4} data-testid="request-status-cancel-reason">
              Why it was cancelled: {r.cancelReason}
            </Text>
          )}
          {r.waitingOn.map((w, i) => {
            const line = waitingText(w, now, w.heldBy && w.heldBy === me?.displayName ? 'You' : w.heldBy);
            return (
              <Text
                // biome-ignore lint/suspicious/noArrayIndexKey: the open steps in the order the server gives them
                key={i}
                size="sm"
                mt={4}
                c={line.overdue ? 'red.9' : undefined}
                fw={line.overdue ? 600 : undefined}
                data-testid="request-status-waiting"
                data-overdue={line.overdue || undefined}
              >
                {line.text}
              </Text>
            );
          })}
          {r.waits.map((w, i) =>
            // A wait the reader's role may end before its time (a result held until the provider has
            // talked with the patient) is offered here too: it may be the request's only open step.
            w.token && w.step && w.endEarlyBy && roles.includes(w.endEarlyBy) ? (
              <div key={w.token} data-testid="request-status-wait">
                <EndWaitOffer
                  instanceId={r.instanceId}
                  wait={{ token: w.token, title: w.step, due: w.until }}
                  now={now}
                  onEnded={onChanged}
                />
              </div>
            ) : (
              <Text
                // biome-ignore lint/suspicious/noArrayIndexKey: the waiting steps in the order the server gives them
                key={i}
                size="sm"
                mt={4}
                data-testid="request-status-wait"
              >
                {waitText(w, now)}
              </Text>
            ),
          )}
          {!r.readable && (
            <Text size="xs" c="dimmed" mt={4}>
              Only the roles working on this request see what it is about.
            </Text>
          )}
          {/* Offered where the server takes a note (not to an auditor, not by emergency access). */}
          {r.notable && <RequestStatusNote instanceId={r.instanceId} held={r.waitingOn.length > 0} />}
          {r.withdrawable && (
            <Group gap="xs" mt={6} justify="space-between" wrap="wrap">
              <Text size="xs" c="gray.7">
                You started it and nobody has acted on it yet.
              </Text>
              <WithdrawButton
                instanceId={r.instanceId}
                label={r.subject ?? r.workflow}
                onDone={(result) => result !== 'failed' && onChanged()}
              />
            </Group>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
