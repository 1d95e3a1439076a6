import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  CopyButton,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { getVersion, instanceHistory } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, Copy, Eye } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { call } from '../api/call.ts';
import { formatWhen } from '../shell/time.ts';
import { ActiveSteps } from './ActiveSteps.tsx';
import { AuditAttachments } from './AuditAttachments.tsx';
import { AuditError } from './AuditError.tsx';
import { describeEntry, shortId } from './changes.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { InstanceDataPanel } from './InstanceDataPanel.tsx';
import { pathUpTo } from './path.ts';
import { formatAuditTime } from './period.ts';
import { ReplayDiagram } from './ReplayDiagram.tsx';
import { Scrubber } from './Scrubber.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { Timeline } from './Timeline.tsx';
import type { DiagramHighlight } from './types.ts';
import { UserRef } from './UserRef.tsx';
import { useReplayAt } from './useReplayAt.ts';
import { useUserNames } from './useUserNames.ts';
import { useVerify, VerifyBadge } from './VerifyBadge.tsx';

const isTyping = (target: EventTarget | null) => {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.getAttribute('role') === 'slider' ||
    target.closest('.react-flow') !== null
  );
};

/**
 * `/audit/instances/:id`: the diagram of the instance's pinned version with the path taken up to the
 * scrubber, the timeline on the right, the scrubber below, and the verify badge and export on top.
 * The replay position is `?at=N` (an event number, not patient data).
 */
export function InstanceReplay() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const nameOf = useUserNames();
  const [view, setView] = useState<'diagram' | 'list'>('diagram');
  const [selectedStep, setSelectedStep] = useState<string | null>(null);

  // Field values are patient data: the history comes without them until the auditor reveals them (one
  // reveal for the instance data and the timeline), a read the server logs as one of patient data.
  const [revealed, setRevealed] = useState(false);
  const history = useQuery({
    queryKey: ['audit', 'history', id, revealed ? 'values' : 'names'],
    queryFn: () => call(instanceHistory, { params: { id }, query: revealed ? { values: 'true' } : {} }),
    refetchOnWindowFocus: false,
    // While the values load, the same instance's history without them stays on screen.
    placeholderData: (previous, query) => (query?.queryKey[2] === id ? previous : undefined),
  });
  const withValues = revealed && history.data?.values === true;
  const instance = history.data?.instance;
  const verify = useVerify(id);

  const timeline = history.data?.timeline ?? [];
  const count = timeline.length;
  const atParam = Number(params.get('at'));
  const at = count === 0 ? 0 : Number.isInteger(atParam) && atParam >= 1 ? Math.min(atParam, count) : count;
  const setAt = useCallback(
    (seq: number) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('at', String(seq));
          return next;
        },
        // Keep the state (the search to go back to) across position changes.
        { replace: true, state: location.state },
      );
    },
    [setParams, location.state],
  );

  // Arrow keys step through events anywhere on the page except where they already mean something.
  // The position is read from a ref so that quick presses never act on a stale one.
  const position = useRef({ at, count });
  position.current = { at, count };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const { at: now, count: of } = position.current;
      if (e.key === 'ArrowLeft' && now > 1) position.current.at = now - 1;
      else if (e.key === 'ArrowRight' && now < of) position.current.at = now + 1;
      else return;
      e.preventDefault();
      setAt(position.current.at);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setAt]);

  // The state after every event is here once the replay has opened (one request): each step shows
  // it at once, with no wait for a scrubbed position to settle.
  const replay = useReplayAt(id, count > 0 ? at : null, revealed);
  const replayed = replay.data?.instance;
  // A migrated instance was on an earlier version before its `migrated` event: draw that one.
  const shownVersion = replayed?.version ?? instance?.version;
  const version = useQuery({
    queryKey: ['audit', 'version', instance?.definitionId, shownVersion],
    queryFn: () => call(getVersion, { params: { id: instance!.definitionId, v: shownVersion! } }),
    enabled: !!instance && shownVersion !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  });
  const definition = version.data?.version.definition;

  const path = useMemo(
    () => (definition ? pathUpTo(definition, timeline, at) : { visited: [], edges: [] }),
    [definition, timeline, at],
  );
  const activeKey = (replayed?.active ?? []).map((a) => a.step).join('\u0000');
  const highlight = useMemo<DiagramHighlight>(
    () => ({ active: activeKey ? activeKey.split('\u0000') : [], visited: path.visited, edges: path.edges }),
    [activeKey, path],
  );
  const stepTitle = (step: string) => definition?.steps[step]?.title ?? step;
  const brokenAt = verify.data && !verify.data.result.ok ? verify.data.result.seq : null;

  const backSearch = (location.state as { search?: string } | null)?.search;
  const back = (
    <Anchor
      component={Link}
      to={backSearch ? `/audit?${backSearch}` : '/audit'}
      size="sm"
      data-testid="audit-back"
    >
      <ArrowLeft size={14} aria-hidden /> Requests
    </Anchor>
  );

  if (history.isPending) {
    return (
      <Stack p="md" gap="sm">
        {back}
        <Group gap="xs">
          <Loader size="sm" role="status" aria-label="Loading the history" />
          <Text size="sm">Loading the history…</Text>
        </Group>
      </Stack>
    );
  }
  if (history.isError || !instance) {
    return (
      <Stack p="md" gap="sm">
        {back}
        <AuditError title="This history cannot be shown" error={history.error} />
      </Stack>
    );
  }

  const entry = timeline.find((t) => t.seq === at);
  const payload = history.data.events.find((e) => e.seq === at)?.payload;
  const caption = entry ? (
    <>
      <b>
        Event {at} of {count}
      </b>{' '}
      · {formatAuditTime(entry.at)} · {describeEntry(entry, payload, stepTitle)}
      {entry.actor ? ` · by ${nameOf(entry.actor) ?? shortId(entry.actor)}` : ''}
      {at === count ? ' · latest event' : ''}
    </>
  ) : (
    'This instance has no events.'
  );

  return (
    <Stack h="100%" gap={0} style={{ minHeight: 0 }} data-testid="audit-replay">
      <Box
        px="md"
        py={6}
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
        data-testid="audit-replay-header"
      >
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            {back}
            <Title order={2} size="h4" lineClamp={1} style={{ minWidth: 0 }}>
              {instance.definitionTitle}
            </Title>
            <Badge
              variant="outline"
              color="gray"
              tt="none"
              style={{ flexShrink: 0 }}
              data-testid="replay-version"
            >
              Version {instance.version}
            </Badge>
            <Box style={{ flexShrink: 0 }}>
              <StatusBadge status={instance.status} />
            </Box>
            {instance.practice && (
              <Badge color="grape" variant="light" style={{ flexShrink: 0 }}>
                Practice
              </Badge>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            {/* The request's own access log: every read of it, by whom and when (its id is no patient data). */}
            <Button
              component={Link}
              to={`/audit/access-log?instance=${encodeURIComponent(id)}`}
              size="xs"
              variant="default"
              leftSection={<Eye size={14} aria-hidden />}
              data-testid="audit-who-opened"
            >
              Who opened this request
            </Button>
            <ExportButtons instanceId={id} values={withValues} />
          </Group>
        </Group>
        <Group justify="space-between" gap="xs" wrap="nowrap" mt={4}>
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Text size="xs" c="dimmed" component="div">
              Started {formatWhen(instance.startedAt)} by <UserRef id={instance.startedBy} />
            </Text>
            <Text size="xs" c="dimmed">
              · Request id
            </Text>
            <CopyButton value={instance.id}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : `Copy the request id ${instance.id}`}>
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    color="gray"
                    ff="monospace"
                    rightSection={<Copy size={10} aria-hidden />}
                    onClick={copy}
                    aria-label={`Copy the request id ${instance.id}`}
                  >
                    {shortId(instance.id)}
                  </Button>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <VerifyBadge instanceId={id} onJump={setAt} />
        </Group>
      </Box>

      <Box style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <Stack gap={0} style={{ flex: 1, minWidth: 0, minHeight: 0 }}>
          <Group justify="space-between" px="sm" py={4} gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 0 }} truncate>
              Path up to event {at}: {path.visited.length} step{path.visited.length === 1 ? '' : 's'} reached
              {replayed ? `, ${replayed.active.length} open` : ''} · select a step to filter the timeline
            </Text>
            <SegmentedControl
              size="xs"
              value={view}
              onChange={(v) => setView(v as 'diagram' | 'list')}
              data={[
                { value: 'diagram', label: 'Diagram' },
                { value: 'list', label: 'Step list' },
              ]}
              aria-label="Show the workflow as"
            />
          </Group>
          <Box style={{ flex: 1, minHeight: 0, position: 'relative' }}>
            {version.isPending ? (
              <Group gap="xs" p="md">
                <Loader size="sm" role="status" aria-label="Loading the diagram" />
                <Text size="sm">Loading version {shownVersion} of the workflow…</Text>
              </Group>
            ) : version.isError || !definition ? (
              <Alert color="red" m="md" title="The workflow version could not be loaded">
                {version.error?.message ?? 'Unknown version.'}
              </Alert>
            ) : (
              <ReplayDiagram
                definition={definition}
                layout={version.data?.version.layout ?? undefined}
                highlight={highlight}
                selected={selectedStep}
                onSelectStep={(step) => setSelectedStep((s) => (s === step ? null : step))}
                view={view}
              />
            )}
          </Box>
          <Stack
            gap="xs"
            px="sm"
            py={6}
            // The diagram keeps most of the height on a laptop; the state below scrolls on its own.
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)', maxHeight: '30%', overflow: 'auto' }}
          >
            <ActiveSteps
              view={replayed}
              at={at}
              loading={replay.isFetching}
              error={replay.isError ? replay.error.message : null}
              stepTitle={stepTitle}
            />
            <InstanceDataPanel
              open={revealed}
              onToggle={() => setRevealed((r) => !r)}
              now={withValues ? instance.data : undefined}
              dataAt={revealed ? replayed?.data : undefined}
              loading={!withValues || (count > 0 && replayed?.data === undefined)}
              error={replay.isError ? replay.error.message : null}
              at={at}
              definition={definition}
            />
            {/* Files are not events: marking what came later only means something before the latest event. */}
            <AuditAttachments instanceId={id} asOf={at < count ? entry?.at : undefined} />
          </Stack>
        </Stack>
        <Box
          w={360}
          style={{ borderLeft: '1px solid var(--mantine-color-gray-3)', minHeight: 0, flexShrink: 0 }}
        >
          {definition ? (
            <Timeline
              definition={definition}
              entries={timeline}
              notes={history.data.notes ?? []}
              attachments={history.data.attachments ?? []}
              events={history.data.events}
              at={at}
              onSelect={setAt}
              values={withValues}
              revealing={revealed && !withValues}
              onReveal={() => setRevealed(true)}
              brokenAt={brokenAt}
              stepFilter={selectedStep}
              onClearFilter={() => setSelectedStep(null)}
            />
          ) : (
            <Group gap="xs" p="md">
              <Loader size="xs" role="status" aria-label="Loading the timeline" />
              <Text size="sm">Loading the timeline…</Text>
            </Group>
          )}
        </Box>
      </Box>
      <Scrubber at={at} count={count} onChange={setAt} caption={caption} />
    </Stack>
  );
}
