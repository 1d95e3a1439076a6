import { Button, List, Modal, Text } from '@mantine/core';
import { BpmnError, fromBpmn } from '@portalflow/bpmn';
import {
  type Definition,
  type DefinitionIssue,
  parseDefinition,
  parseDefinitionText,
} from '@portalflow/engine';
import { Upload } from 'lucide-react';
import { type ReactNode, useRef, useState } from 'react';
import type { BpmnReport } from './BpmnImportReport.tsx';
import { issuesOf } from './useLoadDraft.ts';

/** What an import hands over: the definition, and for BPMN files the diagram's layout and the report. */
export interface Imported {
  definition: Definition;
  layout?: unknown;
  report?: BpmnReport;
}

const isBpmn = (name: string, text: string) =>
  /\.(bpmn|bpmn2|xml)$/i.test(name) || text.trimStart().startsWith('<');

/**
 * Picking a definition file — JSON, YAML or BPMN 2.0 from another modeler — and validating it;
 * problems are listed with their path and line, and nothing is imported until the file is valid.
 * A BPMN import also says which elements it could not map (shown by the caller, see `report`).
 */
export function useDefinitionImport(onImport: (imported: Imported) => void): {
  pick: () => void;
  element: ReactNode;
} {
  const input = useRef<HTMLInputElement>(null);
  const [issues, setIssues] = useState<{ file: string; issues: DefinitionIssue[] } | null>(null);
  const read = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    try {
      if (isBpmn(file.name, text)) {
        const result = fromBpmn(text);
        const definition = parseDefinition(result.definition, { filename: file.name });
        setIssues(null);
        const report = { file: file.name, skipped: result.skipped, warnings: result.warnings };
        // Whether it was imported is the caller's to say (the workflow may already exist): one message.
        onImport({ definition, layout: result.layout, report });
        return;
      }
      const definition = parseDefinitionText(text, { filename: file.name });
      setIssues(null);
      onImport({ definition });
    } catch (error) {
      if (error instanceof BpmnError) {
        setIssues({
          file: file.name,
          issues: [
            {
              path: error.code,
              message: error.message.replace(/^line \d+, column \d+: /, ''),
              ...(error.line !== undefined ? { line: error.line, column: error.column ?? 1 } : {}),
            },
          ],
        });
        return;
      }
      setIssues({ file: file.name, issues: issuesOf(error) });
    }
  };
  const element = (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json,.yaml,.yml,.bpmn,.bpmn2,.xml,application/xml,text/xml"
        hidden
        aria-label="Workflow file to import (JSON or BPMN)"
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
          title={`${issues.file} is not a workflow file that can be read`}
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
  label = 'Import JSON or BPMN',
}: {
  onImport: (imported: Imported) => void;
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
