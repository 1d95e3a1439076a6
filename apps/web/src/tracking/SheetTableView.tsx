import { Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { trackingSheet } from '@portalflow/contract';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { callFile } from '../api/call.ts';
import { downloadText } from '../audit/download.ts';
import { columnHeading, hoursAsDuration } from './duration.ts';
import { sheetQuery } from './sheetQuery.ts';
import type { SheetFilters, SheetTable } from './types.ts';

/**
 * One table of the sheet, cell for cell as the server sent it: the CSV download asks the server for
 * the same table, so what is exported is exactly what is shown.
 */
export function SheetTableView({
  table,
  filters,
  roleTitle,
  fileName,
}: {
  table: SheetTable;
  filters: SheetFilters;
  /** The Role filter's title: an empty table says it has nothing for that role, not for anyone. */
  roleTitle?: string | undefined;
  /** What the download is called: its table, days and filters (see trackingCsvName). */
  fileName: string;
}) {
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      const file = await callFile(trackingSheet, {
        query: { ...sheetQuery(filters), format: 'csv', table: table.id },
      });
      // The server's name: the days it read, by the clinic's calendar on its own clock.
      downloadText(file.name ?? fileName, file.text);
    } finally {
      setBusy(false);
    }
  }
  const headingId = `tracking-table-title-${table.id}`;
  return (
    <Paper withBorder p="sm" data-testid={`tracking-table-${table.id}`}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5" id={headingId}>
          {table.title}
        </Title>
        {!table.withheld && (
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<Download size={14} aria-hidden />}
            onClick={download}
            loading={busy}
            data-testid={`tracking-csv-${table.id}`}
            aria-label={`Download “${table.title}” as CSV`}
          >
            CSV
          </Button>
        )}
      </Group>
      {table.note && (
        <Text size="sm" c="gray.7" mb="xs" data-testid={`tracking-note-${table.id}`}>
          {table.note}
        </Text>
      )}
      {table.withheld ? null : table.rows.length === 0 ? (
        <Text size="sm" c="gray.7" data-testid={`tracking-empty-${table.id}`}>
          {roleTitle
            ? `Nothing recorded for ${roleTitle} in this period.`
            : 'Nothing recorded in this period.'}
        </Text>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls; the keyboard must reach it
        <section aria-labelledby={headingId} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table striped highlightOnHover withTableBorder={false} aria-labelledby={headingId} fz="sm">
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((c) => (
                  <Table.Th key={c.key} ta={c.numeric ? 'right' : 'left'}>
                    {columnHeading(c)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; their order is the server's
                <Table.Tr key={i}>
                  {row.map((cell, j) => (
                    <Table.Td
                      key={table.columns[j]?.key ?? j}
                      ta={table.columns[j]?.numeric ? 'right' : 'left'}
                      style={table.columns[j]?.unit === 'hours' ? { whiteSpace: 'nowrap' } : undefined}
                    >
                      {table.columns[j]?.unit === 'hours' ? hoursAsDuration(cell) : String(cell)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
    </Paper>
  );
}
