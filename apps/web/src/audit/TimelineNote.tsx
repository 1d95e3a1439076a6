import { Badge, Box, Group, Text } from '@mantine/core';
import { StickyNote } from 'lucide-react';
import type { RequestNote } from '../api/types.ts';
import { formatAuditTime } from './period.ts';
import { UserRef } from './UserRef.tsx';

/**
 * A note on the audit timeline: who wrote it, in which role, when, on which step, the text, and every
 * edit old → new (the trail is append-only; nothing here hides an earlier wording).
 */
export function TimelineNote({ note, roleName }: { note: RequestNote; roleName: (id: string) => string }) {
  const first = note.edits[0]?.from ?? note.body;
  return (
    <Box
      component="li"
      px="sm"
      py={6}
      data-testid="timeline-note"
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
            {note.kind === 'completion' ? 'Completion note' : 'Note'}
            {note.stepTitle ? ` on “${note.stepTitle}”` : ' on the request'}
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
      <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {first}
      </Text>
      {note.edits.map((e) => (
        <Text size="xs" mt={2} key={e.revision}>
          <Text span c="dimmed" size="xs">
            Edited {formatAuditTime(e.at)} by <UserRef id={e.authorId} fallback="unknown" />:{' '}
          </Text>
          “{e.from}” → “{e.to}”
        </Text>
      ))}
    </Box>
  );
}
