import { Badge, Box, Group, Text } from '@mantine/core';
import type { HistoryNote } from '@portalflow/contract';
import { StickyNote } from 'lucide-react';
import { formatAuditTime } from './period.ts';
import { UserRef } from './UserRef.tsx';

/** Where the note was written, after its kind: ` on “Prepare refill”` or ` on the request`. */
const where = (note: HistoryNote) => (note.stepTitle ? ` on “${note.stepTitle}”` : ' on the request');

/**
 * A note on the audit timeline: who wrote it, in which role, when, on which step, and every edit (the
 * trail is append-only; nothing here hides an earlier wording). Its words, each edit's old → new among
 * them, come only with the revealed values: what staff write about a request tells about the patient.
 */
export function TimelineNote({ note, roleName }: { note: HistoryNote; roleName: (id: string) => string }) {
  const first = note.edits[0]?.from ?? note.body;
  const hidden = note.body === undefined;
  const completion = note.kind === 'completion';
  const headline = hidden
    ? completion
      ? `Completed${note.stepTitle ? ` “${note.stepTitle}”` : ''} with a note`
      : `Note added${where(note)}`
    : `${completion ? 'Completion note' : 'Note'}${where(note)}`;
  return (
    <Box
      component="li"
      px="sm"
      py={6}
      data-testid="timeline-note"
      data-hidden={hidden || undefined}
      style={{
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        borderLeft: '4px solid var(--mantine-color-yellow-5)',
        background: 'var(--mantine-color-yellow-0)',
      }}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" align="baseline">
        <Group gap={6} wrap="nowrap" align="baseline" style={{ minWidth: 0 }}>
          <StickyNote size={14} aria-hidden style={{ flexShrink: 0, alignSelf: 'center' }} />
          <Text size="sm" fw={600}>
            {headline}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" title={note.at} style={{ flexShrink: 0 }}>
          {formatAuditTime(note.at)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={2} component="div">
        <UserRef id={note.authorId} fallback="unknown" />
        {note.authorRole ? ` · as ${roleName(note.authorRole)}` : ''}
      </Text>
      {note.forNextRole && (
        <Badge size="xs" tt="none" color="yellow" c="yellow.9" variant="light" mt={2}>
          For the next role
        </Badge>
      )}
      {first !== undefined && (
        <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {first}
        </Text>
      )}
      {note.edits.map((e) => (
        <Text size="xs" mt={2} key={e.revision}>
          <Text span c="dimmed" size="xs">
            Edited {formatAuditTime(e.at)} by <UserRef id={e.authorId} fallback="unknown" />
            {e.from !== undefined && e.to !== undefined ? ': ' : ''}
          </Text>
          {e.from !== undefined && e.to !== undefined ? `“${e.from}” → “${e.to}”` : ''}
        </Text>
      ))}
    </Box>
  );
}
