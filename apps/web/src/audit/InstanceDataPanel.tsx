import { Alert, Box, Collapse, Group, Loader, ScrollArea, Table, Text } from '@mantine/core';
import { type Definition, dataFields, type FormField } from '@portalflow/engine';
import { useMemo } from 'react';
import { fieldValue, humanize } from '../work/format.ts';
import { RevealToggle } from './RevealToggle.tsx';

/** A value as its form shows it ("Yes", "Pharmacy fax"); empty when the key is not set. */
const show = (field: FormField | undefined, v: unknown) => (v === undefined ? '' : fieldValue(field, v));

/**
 * The instance's data (patient information), and with it the timeline's values, notes' words, reasons
 * and file names: one reveal for all.
 * Closed by default; opening it reads the history and the replayed state with their values from the
 * server, which records those reads in the access log as reads of patient data. Shows the values at the
 * replayed event next to today's, in the workflow's order under its form labels (the key only in a
 * title: auditors read labels), as staff saw them.
 */
export function InstanceDataPanel({
  open,
  onToggle,
  now: today,
  dataAt,
  loading,
  error,
  at,
  definition,
}: {
  /** Whether the auditor revealed the values (the page holds this: the timeline shows them too). */
  open: boolean;
  onToggle: () => void;
  /** Today's data, once read with the values. */
  now: Record<string, unknown> | undefined;
  /** The data at the replayed event, once read with the values. */
  dataAt: Record<string, unknown> | undefined;
  loading: boolean;
  error: string | null;
  at: number;
  /** The version replayed: its forms name and order the fields. */
  definition?: Definition | undefined;
}) {
  const now = today ?? {};
  const declared = useMemo(() => (definition ? dataFields(definition) : []), [definition]);
  const keys = new Set([...Object.keys(dataAt ?? {}), ...Object.keys(now)]);
  // Declared fields in the workflow's order, then any other key by name.
  const fields = [
    ...declared.map((f) => f.id).filter((id) => keys.has(id)),
    ...[...keys].filter((k) => !declared.some((f) => f.id === k)).sort(),
  ];
  const fieldOf = (key: string) => declared.find((f) => f.id === key);
  return (
    <Box data-testid="instance-data-panel">
      <RevealToggle
        open={open}
        onToggle={onToggle}
        controls="audit-instance-data"
        show="Show instance data"
        hide="Hide instance data"
        testId="instance-data-toggle"
      >
        Patient information: the data, and the values, notes and file names in the timeline. Opening it is
        recorded in the access log.
      </RevealToggle>
      <Collapse expanded={open} id="audit-instance-data">
        {open && loading ? (
          <Group gap="xs" p="xs">
            <Loader size={14} role="status" aria-label="Loading instance data" />
            <Text size="sm">Loading…</Text>
          </Group>
        ) : error ? (
          <Alert color="red" mt="xs" title="The data could not be read">
            {error}
          </Alert>
        ) : fields.length === 0 ? (
          <Text size="sm" c="dimmed" p="xs">
            This instance holds no data.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={180} type="auto" mt={4}>
            <Table
              fz="sm"
              verticalSpacing={2}
              striped
              aria-label="Instance data"
              data-testid="instance-data-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>After event {at}</Table.Th>
                  <Table.Th>Now</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fields.map((f) => {
                  const field = fieldOf(f);
                  const then = show(field, dataAt?.[f]);
                  const today = show(field, now[f]);
                  return (
                    <Table.Tr key={f}>
                      <Table.Td title={`Field key: ${f}`}>{field?.label ?? humanize(f)}</Table.Td>
                      <Table.Td>
                        {then || (
                          <Text span c="dimmed" size="sm">
                            not set yet
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td fw={then !== today ? 600 : undefined}>
                        {today || (
                          <Text span c="dimmed" size="sm">
                            not set
                          </Text>
                        )}
                        {then !== today && <span className="visually-hidden"> (changed since)</span>}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Collapse>
    </Box>
  );
}
