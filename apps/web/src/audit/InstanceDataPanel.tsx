import { Alert, Box, Collapse, Group, Loader, ScrollArea, Table, Text } from '@mantine/core';
import { getInstance } from '@portalflow/contract';
import { type Definition, dataFields, type FormField } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { call } from '../api/call.ts';
import { fieldValue, humanize } from '../work/format.ts';
import { RevealToggle } from './RevealToggle.tsx';

/** A value as its form shows it ("Yes", "Pharmacy fax"); empty when the key is not set. */
const show = (field: FormField | undefined, v: unknown) => (v === undefined ? '' : fieldValue(field, v));

/**
 * The instance's data (patient information). Closed by default; opening it reads the instance from
 * the server, which records the read in the access log. Shows the values at the replayed event next
 * to today's, in the workflow's order under its form labels (the key beneath), as staff saw them.
 */
export function InstanceDataPanel({
  instanceId,
  dataAt,
  at,
  definition,
}: {
  instanceId: string;
  dataAt: Record<string, unknown> | undefined;
  at: number;
  /** The version replayed: its forms name and order the fields. */
  definition?: Definition | undefined;
}) {
  const [open, setOpen] = useState(false);
  const current = useQuery({
    queryKey: ['audit', 'instance', instanceId],
    queryFn: () => call(getInstance, { params: { id: instanceId } }),
    enabled: open,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
  const now = current.data?.instance.data ?? {};
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
        onToggle={() => setOpen((o) => !o)}
        controls="audit-instance-data"
        show="Show instance data"
        hide="Hide instance data"
        testId="instance-data-toggle"
      >
        Patient information. Opening it is recorded in the access log.
      </RevealToggle>
      <Collapse expanded={open} id="audit-instance-data">
        {current.isPending && open ? (
          <Group gap="xs" p="xs">
            <Loader size={14} role="status" aria-label="Loading instance data" />
            <Text size="sm">Loading…</Text>
          </Group>
        ) : current.isError ? (
          <Alert color="red" mt="xs" title="The data could not be read">
            {current.error.message}
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
                      <Table.Td>
                        {field?.label ?? humanize(f)}
                        <Text size="xs" c="dimmed" ff="monospace">
                          {f}
                        </Text>
                      </Table.Td>
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
