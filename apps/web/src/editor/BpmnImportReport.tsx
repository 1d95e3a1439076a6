import { Button, Group, List, Modal, Table, Text } from '@mantine/core';
import type { Skipped } from '@portalflow/bpmn';

export interface BpmnReport {
  file: string;
  skipped: Skipped[];
  warnings: string[];
}

/**
 * What a BPMN import left out: every skipped element by kind and id with the reason, and the
 * things imported with a guess. The diagram is already on the canvas behind it.
 */
export function BpmnImportReport({ report, onClose }: { report: BpmnReport; onClose: () => void }) {
  const { skipped, warnings } = report;
  return (
    <Modal
      className="pf-contrast"
      opened
      onClose={onClose}
      title={`Imported ${report.file}`}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close the import report' }}
      data-testid="bpmn-import-report"
    >
      <Text size="sm" mb="xs" data-testid="bpmn-import-summary">
        {skipped.length === 0
          ? 'Every element was imported.'
          : `${skipped.length} ${skipped.length === 1 ? 'element was' : 'elements were'} not imported: portalflow does not model ${skipped.length === 1 ? 'it' : 'them'}. Check the diagram and redraw what matters.`}
      </Text>
      {skipped.length > 0 && (
        <Table striped verticalSpacing={4} fz="sm" mb="sm" data-testid="bpmn-skipped-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Element id</Table.Th>
              <Table.Th>Why it was skipped</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {skipped.map((s) => (
              <Table.Tr key={`${s.kind}:${s.id}:${s.reason}`} data-testid="bpmn-skipped-row">
                <Table.Td>{s.kind}</Table.Td>
                <Table.Td ff="monospace">{s.id || '(no id)'}</Table.Td>
                <Table.Td>{s.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {warnings.length > 0 && (
        <>
          <Text size="sm" fw={600} mb={4}>
            Imported with a guess
          </Text>
          <List size="sm" spacing={2} mb="sm" data-testid="bpmn-import-warnings">
            {warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose} data-testid="bpmn-import-report-close">
          Continue editing
        </Button>
      </Group>
    </Modal>
  );
}
