import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type AttachmentView, RemoveAttachmentBody, removeAttachment } from '@portalflow/contract';
import { useMutation } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { call } from '../../api/call.ts';
import { ApiError } from '../../api/client.ts';
import { focusOnShow } from '../../shell/focusOnShow.ts';
import { notifications } from '../../shell/notifications.ts';

interface Props {
  /** The file to remove; null while the dialog is closed. */
  attachment: AttachmentView | null;
  onClose: () => void;
  onRemoved: () => void;
}

/**
 * Takes a file attached by mistake off the request, with a reason kept beside the record (the contract
 * says what a reason must be). The bytes are deleted; the line stays for whoever audits the request.
 */
export function RemoveAttachmentDialog({ attachment, onClose, onRemoved }: Props) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (attachment) {
      setReason('');
      setTouched(false);
    }
  }, [attachment]);

  const remove = useMutation({
    mutationFn: (input: { attachment: AttachmentView; reason: string }) =>
      call(removeAttachment, {
        params: { id: input.attachment.instanceId, attachmentId: input.attachment.id },
        body: { reason: input.reason },
      }),
    onSuccess: ({ attachment: removed }) => {
      notifications.show({
        color: 'gray',
        title: 'File removed',
        message: `“${removed.name}” was taken off the request; the list says who removed it and why.`,
      });
      onRemoved();
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'ATTACHMENT_REMOVED') {
        notifications.show({ color: 'gray', title: 'Already removed', message: error.message });
        onRemoved();
        onClose();
      }
    },
  });

  const parsed = RemoveAttachmentBody.safeParse({ reason });
  const invalid = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Say why the file comes off');
  const refused =
    remove.error && !(remove.error instanceof ApiError && remove.error.code === 'ATTACHMENT_REMOVED')
      ? remove.error.message
      : null;

  function submit() {
    setTouched(true);
    if (!attachment || !parsed.success || remove.isPending) return;
    remove.mutate({ attachment, reason: parsed.data.reason });
  }

  return (
    <Modal
      opened={attachment !== null}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title="Remove this file from the request?"
      closeButtonProps={{ 'aria-label': 'Close' }}
      data-testid="remove-attachment-dialog"
    >
      {attachment && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {attachment.name}
            </Text>
            <Text size="sm">
              The file is deleted and nobody can download it again. The list keeps a line saying who removed
              it, when and why, for whoever checks the request later.
            </Text>
            <Textarea
              label="Why does it come off?"
              description="For example: another patient’s letter, or the wrong statement."
              withAsterisk
              autosize
              minRows={2}
              maxRows={5}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              onBlur={() => setTouched(reason !== '')}
              error={touched ? invalid : null}
              data-autofocus
              ref={focusOnShow}
              data-testid="remove-attachment-reason"
            />
            {refused && (
              <Alert color="red" variant="light" title="Not removed" role="alert">
                {refused}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={remove.isPending}>
                Keep it
              </Button>
              <Button
                type="submit"
                color="red"
                leftSection={<Trash2 size={14} aria-hidden />}
                loading={remove.isPending}
                data-testid="remove-attachment-confirm"
              >
                Remove the file
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
