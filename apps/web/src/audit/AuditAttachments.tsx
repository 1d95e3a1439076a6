import { Alert, Box, Collapse, Group, Loader, Text } from '@mantine/core';
import { Paperclip } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { AttachmentList } from '../work/attachments/AttachmentList.tsx';
import { useAttachments } from '../work/attachments/useAttachments.ts';
import { RevealToggle } from './RevealToggle.tsx';
import { UserRef } from './UserRef.tsx';

/**
 * The request's attached files for the auditor, read-only: every file with who attached it on which
 * step and when, and the removed ones with who removed them and why. Closed by default like the
 * instance data — file names may name the patient, and the server records the list and each download
 * in the access log.
 */
export function AuditAttachments({ instanceId, asOf }: { instanceId: string; asOf?: string | undefined }) {
  const [open, setOpen] = useState(false);
  const files = useAttachments(instanceId, { enabled: open });
  const list = files.data?.attachments ?? [];
  const shown = useRef<HTMLDivElement>(null);
  const loaded = open && files.isSuccess;
  // The panel sits at the foot of a scrolling strip under the diagram: bring the opened list into view.
  useEffect(() => {
    if (loaded) shown.current?.scrollIntoView({ block: 'nearest' });
  }, [loaded]);
  return (
    <Box data-testid="audit-attachments">
      <RevealToggle
        open={open}
        onToggle={() => setOpen((o) => !o)}
        controls="audit-attachment-list"
        show="Show attached files"
        hide="Hide attached files"
        testId="audit-attachments-toggle"
      >
        File names may name the patient. Opening the list and each download are recorded in the access log.
      </RevealToggle>
      <Collapse expanded={open} id="audit-attachment-list">
        {open && files.isPending ? (
          <Group gap="xs" p="xs">
            <Loader size={14} role="status" aria-label="Loading attached files" />
            <Text size="sm">Loading…</Text>
          </Group>
        ) : files.isError ? (
          <Alert color="red" mt="xs" title="The attached files could not be read">
            {files.error.message}
          </Alert>
        ) : list.length === 0 ? (
          <Text size="sm" c="dimmed" p="xs" data-testid="audit-attachments-empty">
            <Paperclip size={12} aria-hidden /> No file was ever attached to this request.
          </Text>
        ) : (
          <Box mt={6} ref={shown}>
            <Text size="xs" c="dimmed" mb={4}>
              As they are today, oldest first; removed files stay listed with the reason.
            </Text>
            <AttachmentList
              attachments={list}
              now={Date.now()}
              person={(id) => <UserRef id={id} size="xs" />}
              onDownload={() => void files.refetch()}
              {...(asOf ? { asOf } : {})}
            />
          </Box>
        )}
      </Collapse>
    </Box>
  );
}
