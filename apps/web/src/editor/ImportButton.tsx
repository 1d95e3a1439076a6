import { type Definition, type DefinitionIssue, parseDefinitionText } from '@portalflow/engine';
import { Button, FileButton, List, Modal, Text } from '@mantine/core';
import { Upload } from 'lucide-react';
import { useState } from 'react';
import { issuesOf } from './useLoadDraft.ts';

/** Picks a definition JSON file and validates it; problems are listed with their path and line. */
export function ImportButton({ onImport, label = 'Import JSON', variant = 'default' }: { onImport: (definition: Definition) => void; label?: string; variant?: string }) {
  const [issues, setIssues] = useState<{ file: string; issues: DefinitionIssue[] } | null>(null);
  const read = async (file: File | null) => {
    if (!file) return;
    const text = await file.text();
    try {
      const definition = parseDefinitionText(text, { filename: file.name });
      setIssues(null);
      onImport(definition);
    } catch (error) {
      setIssues({ file: file.name, issues: issuesOf(error) });
    }
  };
  return (
    <>
      <FileButton onChange={read} accept="application/json,.json">
        {(props) => (
          <Button {...props} size="compact-sm" variant={variant} leftSection={<Upload size={14} aria-hidden />} data-testid="import-button">
            {label}
          </Button>
        )}
      </FileButton>
      {issues && (
        <Modal opened onClose={() => setIssues(null)} title={`${issues.file} is not a valid workflow definition`} size="lg" data-testid="import-errors">
          <Text size="sm" mb="xs">
            Nothing was imported. Fix these places in the file and import it again:
          </Text>
          <List size="sm" spacing={2}>
            {issues.issues.slice(0, 8).map((i, n) => (
              <List.Item key={n}>
                <Text span size="sm" ff="monospace">
                  {i.path || '(file)'}
                  {i.line !== undefined ? ` line ${i.line}:${i.column}` : ''}
                </Text>{' '}
                — {i.message}
              </List.Item>
            ))}
          </List>
          {issues.issues.length > 8 && <Text size="xs">…and {issues.issues.length - 8} more</Text>}
        </Modal>
      )}
    </>
  );
}
