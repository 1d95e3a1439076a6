import { Alert, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { AttachmentView } from '@portalflow/contract';
import { Lock } from 'lucide-react';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { clinicRoles, isLead } from '../../auth/useMe.ts';
import { countOf } from '../../shell/plural.ts';
import { AttachFile } from './AttachFile.tsx';
import { AttachmentList } from './AttachmentList.tsx';
import { RemoveAttachmentDialog } from './RemoveAttachmentDialog.tsx';
import { useAttachments, useRefreshAttachments } from './useAttachments.ts';

interface Props {
  instanceId: string;
  taskId: string;
  stepTitle: string | null;
  /** Files are attached on an open task of an active request; removing works on ended requests too. */
  taskOpen: boolean;
  requestActive: boolean;
  me: Me;
  now: number;
  nameOf: (userId: string | null | undefined, fallback?: string) => string;
  /** The task or request closed while attaching: the task is read again. */
  onClosed: () => void;
}

/**
 * "Attached files" in the task panel: the statement, form or letter the request is about. Attach and
 * Remove are offered only to whom the server allows them (people who work requests; the person who
 * attached a file, leads and admins); the server still decides and its refusal is shown.
 */
export function TaskAttachments(props: Props) {
  const { instanceId, taskId, stepTitle, taskOpen, requestActive, me, now, nameOf, onClosed } = props;
  const files = useAttachments(instanceId);
  const refresh = useRefreshAttachments(instanceId);
  const [removing, setRemoving] = useState<AttachmentView | null>(null);
  const roles = me.user.roles;
  const lead = isLead(roles);
  // Auditors read requests but never work them.
  const works = clinicRoles(roles).length > 0 || lead;
  const canAttach = works && taskOpen && requestActive;
  const canRemove = (a: AttachmentView) => a.removed === null && (a.authorId === me.user.id || lead);

  const list = files.data?.attachments ?? [];
  const removed = list.filter((a) => a.removed !== null).length;
  return (
    <section aria-labelledby="attachments-title" data-testid="attachments">
      <Group gap="xs" mb={6} align="baseline">
        <Title order={3} size="h5" id="attachments-title">
          Attached files
        </Title>
        {list.length > 0 && (
          <Text size="xs" c="gray.7" data-testid="attachments-count">
            {countOf(list.length - removed, 'file')}
            {removed > 0 ? ` · ${removed} removed` : ''}
          </Text>
        )}
      </Group>
      <Stack gap="xs">
        {files.isPending ? (
          <Skeleton height={44} role="status" aria-busy="true" aria-label="Loading attached files" />
        ) : files.isError ? (
          <Alert color="gray" variant="light" icon={<Lock size={16} aria-hidden />} p="xs">
            {files.error instanceof ApiError && files.error.status === 403
              ? 'The files of this request are only open to the people who work on it.'
              : `The attached files could not be loaded: ${files.error.message}`}
          </Alert>
        ) : list.length === 0 ? (
          <Text size="sm" c="gray.7" data-testid="attachments-empty">
            No files are attached to this request yet.
          </Text>
        ) : (
          <AttachmentList
            attachments={list}
            now={now}
            person={(id) => nameOf(id, 'A colleague')}
            canRemove={canRemove}
            onRemove={setRemoving}
            onDownload={() => void files.refetch()}
          />
        )}
        {canAttach && (
          <AttachFile
            instanceId={instanceId}
            taskId={taskId}
            stepTitle={stepTitle}
            onAttached={refresh}
            onClosed={() => {
              refresh();
              onClosed();
            }}
          />
        )}
      </Stack>
      <RemoveAttachmentDialog attachment={removing} onClose={() => setRemoving(null)} onRemoved={refresh} />
    </section>
  );
}
