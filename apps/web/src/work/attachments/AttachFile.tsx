import { Alert, Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { ATTACHMENT_MAX_BYTES, addAttachment } from '@portalflow/contract';
import { useMutation } from '@tanstack/react-query';
import { CircleAlert, Paperclip, Upload } from 'lucide-react';
import { type ComponentProps, useRef, useState } from 'react';
import { callMultipart } from '../../api/callMultipart.ts';
import { ApiError } from '../../api/client.ts';
import { useOneAtATime } from '../../api/useOneAtATime.ts';
import { useClinicConfig } from '../../shell/clinic.ts';
import { notifications } from '../../shell/notifications.ts';
import { type PendingFile, pendingFile } from './attachAll.ts';
import { ALLOWED_TYPES_TEXT, attachRefusalText, sizeText } from './attachmentText.ts';
import { ACCEPT } from './fileCheck.ts';

interface Props {
  instanceId: string;
  /** The open task the file is attached on: the list then names its step. */
  taskId: string;
  stepTitle: string | null;
  onAttached: () => void;
  /** The task or request closed meanwhile: whatever shows it is read again. */
  onClosed: () => void;
}

// A test id is no declared prop of an input, but React passes it through to the element.
const INPUT_PROPS = {
  'aria-label': 'Choose a file to attach',
  'data-testid': 'attach-file-input',
} as ComponentProps<'input'>;

/** Its key is made when the file is chosen: a retry of the same file is answered by its first upload. */
type Chosen = PendingFile;

/**
 * "Attach a file": choose a file, see it checked (kind and size, read from its bytes), then attach it
 * on this step. Seeing the name before attaching is the last chance to notice another patient's
 * letter. The server checks again; its refusal is shown here in words.
 */
export function AttachFile({ instanceId, taskId, stepTitle, onAttached, onClosed }: Props) {
  // The server's own limit (`PORTALFLOW_ATTACHMENT_MAX_MB`), so the page never refuses what it would take.
  const maxBytes = useClinicConfig().data?.attachmentMaxBytes ?? ATTACHMENT_MAX_BYTES;
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const reset = useRef<() => void>(null);
  // Sent once even on a double click: the second press waits for the first's answer (shown once).
  const oneAtATime = useOneAtATime();

  const attach = useMutation({
    mutationFn: ({ file, key }: Chosen) =>
      callMultipart(addAttachment, {
        params: { id: instanceId },
        parts: { file, taskId },
        idempotencyKey: key,
      }),
    onSuccess: ({ attachment }) => {
      setChosen(null);
      notifications.show({
        color: 'teal',
        title: 'File attached',
        message: `“${attachment.name}” is attached to the request.`,
      });
      onAttached();
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        setProblem(attachRefusalText(error));
        if (error.code === 'TASK_CLOSED' || error.code === 'REQUEST_CLOSED') {
          setChosen(null);
          onClosed();
        }
      } else {
        setProblem('The file could not be sent: check the connection and press Attach again.');
      }
    },
  });

  async function choose(file: File | null) {
    reset.current?.();
    setProblem(null);
    setChosen(null);
    attach.reset();
    if (!file) return;
    const checked = await pendingFile(file, maxBytes);
    if (checked.ok) setChosen(checked.pending);
    else setProblem(checked.message);
  }

  return (
    <Stack gap={6} data-testid="attach-file">
      {chosen ? (
        <Paper withBorder p="xs" radius="sm" bg="blue.0" data-testid="attach-file-chosen">
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {chosen.file.name}
          </Text>
          <Text size="xs" c="gray.7">
            {chosen.summary} · will be attached {stepTitle ? `on “${stepTitle}”` : 'to the request'}
          </Text>
          <Text size="xs" c="gray.8" mt={4}>
            Check it is this patient’s file: everyone who works on the request can open it.
          </Text>
          <Group gap="xs" mt={6} justify="flex-end">
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              onClick={() => setChosen(null)}
              disabled={attach.isPending}
            >
              Cancel
            </Button>
            <Button
              size="xs"
              leftSection={<Upload size={14} aria-hidden />}
              loading={attach.isPending}
              onClick={() =>
                void oneAtATime(chosen.key, () => attach.mutateAsync(chosen)).catch(() => undefined)
              }
              data-testid="attach-file-confirm"
            >
              Attach
            </Button>
          </Group>
        </Paper>
      ) : (
        <Group gap="sm" wrap="wrap">
          <FileButton
            onChange={(file) => void choose(file)}
            accept={ACCEPT}
            resetRef={reset}
            inputProps={INPUT_PROPS}
          >
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                leftSection={<Paperclip size={14} aria-hidden />}
                data-testid="attach-file-button"
              >
                Attach a file
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="gray.7">
            {ALLOWED_TYPES_TEXT}, up to {sizeText(maxBytes)} — a statement, a signed form, a photo of a
            letter.
          </Text>
        </Group>
      )}
      {problem && (
        <Alert
          color="red"
          variant="light"
          icon={<CircleAlert size={16} aria-hidden />}
          title="Not attached"
          role="alert"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setProblem(null)}
          data-testid="attach-file-problem"
        >
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {problem}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
