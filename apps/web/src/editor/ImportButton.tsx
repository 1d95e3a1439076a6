import { Button, List, Modal, Text } from '@mantine/core';
import { type Definition, type DefinitionIssue, parseDefinitionText } from '@portalflow/engine';
import { Upload } from 'lucide-react';
import { type ReactNode, useRef, useState } from 'react';
import { issuesOf } from './useLoadDraft.ts';

/**
 * Picking a definition JSON file and validating it; problems are listed with their path and line,
 * and nothing is imported until the file is valid.
 */
export function useDefinitionImport(onImport: (definition: Definition) => void): {
  pick: () => void;
  element: ReactNode;
} {
  const input = useRef<HTMLInputElement>(null);
  const [issues, setIssues] = useState<{ file: string; issues: DefinitionIssue[] } | null>(null);
  const read = async (file: File | undefined) => {
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
  const element = (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Definition file to import"
        data-testid="import-file-input"
        onChange={(e) => {
          void read(e.currentTarget.files?.[0]);
          e.currentTarget.value = '';
        }}
      />
      {issues && (
        <Modal
          className="pf-contrast"
          opened
          onClose={() => setIssues(null)}
          title={`${issues.file} is not a valid workflow definition`}
          size="lg"
          closeButtonProps={{ 'aria-label': 'Close' }}
          data-testid="import-errors"
        >
          <Text size="sm" mb="xs">
            Nothing was imported. Fix these places in the file and import it again:
          </Text>
          <List size="sm" spacing={2}>
            {issues.issues.slice(0, 8).map((i) => (
              <List.Item key={`${i.path}:${i.message}`}>
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
  return { pick: () => input.current?.click(), element };
}

export function ImportButton({
  onImport,
  label = 'Import JSON',
}: {
  onImport: (definition: Definition) => void;
  label?: string;
}) {
  const { pick, element } = useDefinitionImport(onImport);
  return (
    <>
      <Button
        size="compact-sm"
        variant="default"
        leftSection={<Upload size={14} aria-hidden />}
        onClick={pick}
        data-testid="import-button"
      >
        {label}
      </Button>
      {element}
    </>
  );
}
