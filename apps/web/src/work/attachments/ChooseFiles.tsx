import { ActionIcon, Alert, Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { ATTACHMENT_MAX_BYTES } from '@portalflow/contract';
import { CircleAlert, Paperclip, X } from 'lucide-react';
import { type ComponentProps, useRef, useState } from 'react';
import { useClinicConfig } from '../../shell/clinic.ts';
import { type PendingFile, pendingFile } from './attachAll.ts';
import { ALLOWED_TYPES_TEXT, sizeText } from './attachmentText.ts';
import { ACCEPT } from './fileCheck.ts';

interface Props {
  files: readonly PendingFile[];
  onChange: (files: PendingFile[]) => void;
  disabled?: boolean;
}

// A test id is no declared prop of an input, but React passes it through to the element.
const INPUT_PROPS = {
  'aria-label': 'Choose files to attach',
  'data-testid': 'choose-files-input',
} as ComponentProps<'input'>;

/**
 * Files to send with a form that is not sent yet (New request): each is checked when chosen (kind and
 * size, from its bytes) and listed by name, so another patient's letter can still be taken off.
 */
export function ChooseFiles({ files, onChange, disabled }: Props) {
  const maxBytes = useClinicConfig().data?.attachmentMaxBytes ?? ATTACHMENT_MAX_BYTES;
  const [problems, setProblems] = useState<string[]>([]);
  const reset = useRef<() => void>(null);

  async function choose(chosen: File[]) {
    reset.current?.();
    const refused: string[] = [];
    const added: PendingFile[] = [];
    for (const file of chosen) {
      const checked = await pendingFile(file, maxBytes);
      if (checked.ok) added.push(checked.pending);
      else refused.push(checked.message);
    }
    setProblems(refused);
    if (added.length > 0) onChange([...files, ...added]);
  }

  return (
    <Stack gap={6} data-testid="choose-files">
      <Text size="sm" fw={500}>
        Files{' '}
        <Text span size="xs" c="gray.7">
          (optional)
        </Text>
      </Text>
      {files.map((f) => (
        <Paper key={f.key} withBorder p={6} radius="sm" bg="blue.0" data-testid="chosen-file">
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {f.file.name}
              </Text>
              <Text size="xs" c="gray.7">
                {f.summary}
              </Text>
            </div>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={disabled}
              onClick={() => onChange(files.filter((other) => other !== f))}
              aria-label={`Take off ${f.file.name}`}
            >
              <X size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      {files.length > 0 && (
        <Text size="xs" c="gray.8">
          Check each is this patient’s file: everyone who works on the request can open it.
        </Text>
      )}
      <Group gap="sm" wrap="wrap">
        <FileButton
          onChange={(chosen) => void choose(chosen)}
          accept={ACCEPT}
          multiple
          resetRef={reset}
          inputProps={INPUT_PROPS}
          disabled={disabled}
        >
          {(props) => (
            <Button
              {...props}
              size="xs"
              variant="default"
              leftSection={<Paperclip size={14} aria-hidden />}
              data-testid="choose-files-button"
            >
              {files.length > 0 ? 'Add another file' : 'Attach files'}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="gray.7">
          {ALLOWED_TYPES_TEXT}, up to {sizeText(maxBytes)} each
        </Text>
      </Group>
      {problems.length > 0 && (
        <Alert
          color="red"
          variant="light"
          icon={<CircleAlert size={16} aria-hidden />}
          title={problems.length === 1 ? 'Not added' : `${problems.length} files not added`}
          role="alert"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setProblems([])}
          data-testid="choose-files-problem"
        >
          {problems.map((p) => (
            <Text key={p} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {p}
            </Text>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
