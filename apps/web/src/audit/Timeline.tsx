import { Badge, Box, Button, Group, Loader, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import type { HistoryAttachment, HistoryNote } from '@portalflow/contract';
import { type Definition, dataFields } from '@portalflow/engine';
import { Eye, Lock, ShieldX, X } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import type { AuditEvent, TimelineEntry } from '../api/types.ts';
import { countOf } from '../shell/plural.ts';
import { formatWhen } from '../shell/time.ts';
import { fieldValue } from '../work/format.ts';
import { changesByStep, describeEntry, formatChange, roleOfEvent, shortId, withheld } from './changes.ts';
import { formatAuditTime } from './period.ts';
import { TimelineFile } from './TimelineFile.tsx';
import { TimelineNote } from './TimelineNote.tsx';
import { asidesByEvent } from './timelineAsides.ts';
import { UserRef } from './UserRef.tsx';
import { useRoleTitles } from './useRoleTitles.ts';
import { useUserNames } from './useUserNames.ts';

/** Whether a history read without its values left anything out: a field's values, a reason, words, a name. */
function anythingHidden(
  entries: readonly TimelineEntry[],
  notes: readonly HistoryNote[],
  attachments: readonly HistoryAttachment[],
): boolean {
  return (
    entries.some((e) => e.reasonHidden || e.changes.some(withheld)) ||
    notes.some((n) => n.body === undefined) ||
    attachments.some((a) => a.name === undefined)
  );
}

/**
 * Who did what, in which role, when, and which fields changed; their old → new values, the notes'
 * words, the reasons given and the files' names once the auditor revealed them (`values`). The entry at
 * the scrubber is marked.
 */
export function Timeline({
  definition,
  entries,
  events,
  at,
  onSelect,
  values,
  revealing,
  onReveal,
  brokenAt,
  stepFilter,
  onClearFilter,
  notes = [],
  attachments = [],
}: {
  definition: Definition;
  entries: TimelineEntry[];
  /** The request's notes: each shown after the last event at or before its time. */
  notes?: HistoryNote[];
  /** The request's files: each attaching and removal shown the same way. */
  attachments?: HistoryAttachment[];
  events: AuditEvent[];
  at: number;
  onSelect: (seq: number) => void;
  /** Whether the entries carry the fields' values and staff's words (revealed), or only say what changed. */
  values: boolean;
  /** The values are being read. */
  revealing: boolean;
  /** Reveals the values here and in the instance data (the same recorded read). */
  onReveal: () => void;
  brokenAt: number | null;
  stepFilter: string | null;
  onClearFilter: () => void;
}) {
  const nameOf = useUserNames();
  const payloadOf = useMemo(() => new Map(events.map((e) => [e.seq, e.payload])), [events]);
  const stepTitle = (id: string) => definition.steps[id]?.title ?? id;
  const roleTitle = useRoleTitles();
  // The version's own name for a role first; a role it does not name (the front desk that started the
  // request) by the clinic's title, never by its id.
  const roleName = (id: string) => roleTitle(id, (r) => definition.roles.find((role) => role.id === r)?.name);
  const fields = useMemo(() => new Map(dataFields(definition).map((f) => [f.id, f])), [definition]);
  const formatters = {
    when: (iso: string) => formatWhen(iso),
    who: (id: string) => nameOf(id) ?? shortId(id),
    role: roleName,
    dataField: (key: string) => {
      const field = fields.get(key);
      return field && { label: field.label, value: (v: unknown) => fieldValue(field, v) };
    },
  };
  const shown = stepFilter
    ? entries.filter((e) => e.steps.includes(stepFilter) || e.changes.some((c) => c.step === stepFilter))
    : entries;

  const asidesAfter = useMemo(() => {
    const onStep = <T extends { step: string | null }>(list: readonly T[]) =>
      stepFilter ? list.filter((x) => x.step === stepFilter) : list;
    return asidesByEvent(shown, onStep(notes), onStep(attachments));
  }, [notes, attachments, shown, stepFilter]);

  const refs = useRef(new Map<number, HTMLElement>());
  useEffect(() => {
    refs.current.get(at)?.scrollIntoView({ block: 'nearest' });
  }, [at]);

  return (
    <Stack gap={0} h="100%" style={{ minHeight: 0 }}>
      <Group
        justify="space-between"
        px="sm"
        py={6}
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Text fw={600} size="sm" id="audit-timeline-heading">
          Timeline · {entries.length} event{entries.length === 1 ? '' : 's'}
          {notes.length > 0 ? ` · ${countOf(notes.length, 'note')}` : ''}
          {attachments.length > 0 ? ` · ${countOf(attachments.length, 'file')}` : ''}
        </Text>
        {stepFilter && (
          <Button
            size="compact-xs"
            variant="light"
            rightSection={<X size={12} aria-hidden />}
            onClick={onClearFilter}
            aria-label={`Show all events (now only events on ${stepTitle(stepFilter)})`}
            data-testid="timeline-clear-filter"
          >
            Only “{stepTitle(stepFilter)}”
          </Button>
        )}
      </Group>
      {!values && anythingHidden(entries, notes, attachments) && (
        <Group
          gap="xs"
          px="sm"
          py={4}
          wrap="nowrap"
          justify="space-between"
          style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
          data-testid="timeline-values-hidden"
        >
          <Text
            size="xs"
            c="dimmed"
            title="Field values, notes, reasons and file names: each event says what changed or was added, without the words"
          >
            <Lock size={12} aria-hidden /> Patient details hidden
          </Text>
          <Button
            size="compact-xs"
            variant="default"
            leftSection={revealing ? <Loader size={10} /> : <Eye size={12} aria-hidden />}
            onClick={onReveal}
            disabled={revealing}
            data-testid="timeline-reveal"
            title="Shows the values, notes and file names here and the instance data; recorded in the access log"
          >
            Show values
          </Button>
        </Group>
      )}
      <ScrollArea style={{ flex: 1, minHeight: 0 }} type="auto">
        <Box
          component="ol"
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          aria-labelledby="audit-timeline-heading"
          data-testid="audit-timeline"
        >
          {shown.length === 0 && (
            <Text size="sm" c="dimmed" p="sm">
              No event touched this step. Clear the step filter to see every event.
            </Text>
          )}
          {shown.map((entry) => {
            const payload = payloadOf.get(entry.seq);
            const role = roleOfEvent(entry.role, payload);
            const current = entry.seq === at;
            const future = entry.seq > at;
            const broken = brokenAt !== null && entry.seq === brokenAt;
            return [
              <li
                key={entry.seq}
                ref={(el) => {
                  if (el) refs.current.set(entry.seq, el);
                  else refs.current.delete(entry.seq);
                }}
                data-testid={`timeline-entry-${entry.seq}`}
                data-current={current || undefined}
              >
                <UnstyledButton
                  w="100%"
                  px="sm"
                  py={6}
                  onClick={() => onSelect(entry.seq)}
                  aria-current={current ? 'step' : undefined}
                  style={{
                    display: 'block',
                    borderBottom: '1px solid var(--mantine-color-gray-2)',
                    borderLeft: `4px solid ${broken ? 'var(--mantine-color-red-6)' : current ? 'var(--mantine-color-teal-6)' : 'transparent'}`,
                    // Events after the replayed point sit on a grey wash (not faded text, which would be unreadable).
                    background: current
                      ? 'var(--mantine-color-teal-0)'
                      : future
                        ? 'var(--mantine-color-gray-1)'
                        : undefined,
                  }}
                >
                  <Group justify="space-between" gap={4} wrap="nowrap" align="baseline">
                    <Group gap={6} wrap="nowrap" align="baseline" style={{ minWidth: 0 }}>
                      <Badge
                        size="sm"
                        variant={current ? 'filled' : 'light'}
                        color="gray"
                        style={{ flexShrink: 0 }}
                      >
                        #{entry.seq}
                      </Badge>
                      <Text size="sm" fw={600} style={{ minWidth: 0 }}>
                        {describeEntry(entry, payload, stepTitle)}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed" title={entry.at} style={{ flexShrink: 0 }}>
                      {formatAuditTime(entry.at)}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" mt={2} component="div">
                    <UserRef
                      id={entry.actor}
                      fallback={entry.type === 'timer-fired' ? 'clock (deadline)' : 'system'}
                    />
                    {role ? ` · as ${roleName(role)}` : ''}
                  </Text>
                  {entry.changes.length > 0 && (
                    <Box component="ul" m={0} mt={2} pl={16}>
                      {changesByStep(entry.changes).map((run, i) =>
                        run.step && run.changes.length > 1 ? (
                          // biome-ignore lint/suspicious/noArrayIndexKey: runs keep the event's order
                          <Text component="li" size="xs" key={i}>
                            <Text span c="dimmed" size="xs">
                              {stepTitle(run.step)}:
                            </Text>
                            <Box component="ul" m={0} pl={14}>
                              {run.changes.map((change) => (
                                <Text component="li" size="xs" key={`${change.task ?? ''}-${change.field}`}>
                                  {formatChange(change, formatters)}
                                </Text>
                              ))}
                            </Box>
                          </Text>
                        ) : (
                          run.changes.map((change) => (
                            <Text
                              component="li"
                              size="xs"
                              key={`${change.task ?? ''}-${change.step ?? ''}-${change.field}`}
                            >
                              {change.step ? (
                                <Text span c="dimmed" size="xs">
                                  {stepTitle(change.step)}:{' '}
                                </Text>
                              ) : null}
                              {formatChange(change, formatters)}
                            </Text>
                          ))
                        ),
                      )}
                    </Box>
                  )}
                  {entry.reason && (
                    <Text size="xs" mt={2} style={{ overflowWrap: 'anywhere' }}>
                      Why: {entry.reason}
                    </Text>
                  )}
                  {broken && (
                    <Text size="xs" c="red.8" fw={600} mt={2}>
                      <ShieldX size={12} aria-hidden /> The hash chain breaks at this event
                    </Text>
                  )}
                  {future && <span className="visually-hidden">(after the replayed point)</span>}
                </UnstyledButton>
              </li>,
              ...(asidesAfter.get(entry.seq) ?? []).map((aside) =>
                aside.kind === 'note' ? (
                  <TimelineNote key={`note-${aside.note.id}`} note={aside.note} roleName={roleName} />
                ) : (
                  <TimelineFile
                    key={`${aside.kind}-${aside.attachment.id}`}
                    attachment={aside.attachment}
                    removal={aside.kind === 'removed'}
                    roleName={roleName}
                  />
                ),
              ),
            ];
          })}
        </Box>
      </ScrollArea>
    </Stack>
  );
}
