import { Box, Group, Text } from '@mantine/core';
import type { HistoryAttachment } from '@portalflow/contract';
import { FileX, Paperclip } from 'lucide-react';
import { fileSummary } from '../work/attachments/attachmentText.ts';
import { formatAuditTime } from './period.ts';
import { UserRef } from './UserRef.tsx';

/**
 * A file attached to the request, or taken off it, on the audit timeline: who, in which role, when,
 * on which step, its kind, size and the start of its SHA-256 (to match the export). Its name and why it
 * came off may name the patient: they come only with the revealed values (the history leaves them out).
 */
export function TimelineFile({
  attachment: a,
  removal,
  roleName,
}: {
  attachment: HistoryAttachment;
  /** This line is the file's removal, not its attaching. */
  removal: boolean;
  roleName: (id: string) => string;
}) {
  const removed = removal ? a.removed : null;
  const Icon = removed ? FileX : Paperclip;
  return (
    <Box
      component="li"
      px="sm"
      py={6}
      data-testid={removed ? 'timeline-file-removed' : 'timeline-file'}
      style={{
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        borderLeft: `4px solid var(--mantine-color-${removed ? 'orange' : 'blue'}-4)`,
        background: `var(--mantine-color-${removed ? 'orange' : 'blue'}-0)`,
      }}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" align="baseline">
        <Group gap={6} wrap="nowrap" align="baseline" style={{ minWidth: 0 }}>
          <Icon size={14} aria-hidden style={{ flexShrink: 0, alignSelf: 'center' }} />
          <Text size="sm" fw={600}>
            {removed ? 'File taken off' : 'File attached'}
            {!removed && (a.stepTitle ? ` on “${a.stepTitle}”` : ' to the request')}
            {removed && removed.reason === undefined ? ' with a reason' : ''}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" title={removed?.at ?? a.at} style={{ flexShrink: 0 }}>
          {formatAuditTime(removed?.at ?? a.at)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={2} component="div">
        {removed ? (
          <UserRef id={removed.by} fallback="unknown" />
        ) : (
          <>
            <UserRef id={a.authorId} fallback="unknown" />
            {a.authorRole ? ` · as ${roleName(a.authorRole)}` : ''}
          </>
        )}
      </Text>
      {a.name !== undefined && (
        <Text size="sm" mt={2} style={{ overflowWrap: 'anywhere' }} data-testid="timeline-file-name">
          “{a.name}”
        </Text>
      )}
      <Text size="xs" mt={2}>
        {fileSummary(a)} ·{' '}
        <Text span ff="monospace" size="xs" title={`SHA-256 ${a.sha256}`}>
          {a.sha256.slice(0, 12)}
        </Text>
        {removed ? ` · attached ${formatAuditTime(a.at)}` : ''}
      </Text>
      {removed?.reason !== undefined && (
        <Text size="sm" mt={2} style={{ overflowWrap: 'anywhere' }}>
          Why: {removed.reason}
        </Text>
      )}
    </Box>
  );
}
