import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

/**
 * The one answer to importing a workflow that is already in the list: nothing was imported, and the
 * two ways on — open the one the clinic has, or import the file as a new workflow under another name.
 */
export function ImportConflictDialog({
  existingTitle,
  suggestedTitle,
  onOpenExisting,
  onImportCopy,
  onClose,
}: {
  existingTitle: string;
  suggestedTitle: string;
  onOpenExisting: () => void;
  /** Resolves to a problem in words, or null when imported. */
  onImportCopy: (title: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const [title, setTitle] = useState(suggestedTitle);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const copy = async () => {
    setBusy(true);
    setProblem(await onImportCopy(title.trim()));
    setBusy(false);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      className="pf-contrast"
      title={`“${existingTitle}” is already in your workflows`}
      closeButtonProps={{ 'aria-label': 'Close' }}
      data-testid="import-conflict"
    >
      <Stack gap="sm">
        <Text size="sm">
          Nothing was imported: this file is the workflow you already have. Open yours to change it there, or
          import the file as a new workflow under another name (it starts as a draft; yours stays as it is).
        </Text>
        <TextInput
          label="Name of the new copy"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          data-testid="import-copy-title"
        />
        {problem && <Alert color="red">{problem}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onOpenExisting} data-testid="import-open-existing">
            Open “{existingTitle}”
          </Button>
          <Button
            onClick={() => void copy()}
            loading={busy}
            disabled={!title.trim()}
            data-testid="import-copy"
          >
            Import as a new copy
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
