import { Button, Group, Tooltip } from '@mantine/core';
import { Braces, FileSpreadsheet } from 'lucide-react';

/**
 * Downloads the history from the server's export (an attachment; the download is logged). The export
 * follows the screen: while the patient's details are hidden it leaves them out (who did what and when
 * is what an investigator is usually handed); once shown, it carries them, a read of patient data.
 */
const FORMATS = [
  { format: 'json', label: 'Export JSON', Icon: Braces },
  { format: 'csv', label: 'Export CSV', Icon: FileSpreadsheet },
] as const;

export function ExportButtons({ instanceId, values }: { instanceId: string; values: boolean }) {
  const href = (format: 'json' | 'csv') =>
    `/api/instances/${encodeURIComponent(instanceId)}/export?format=${format}${values ? '' : '&values=false'}`;
  const what = values
    ? 'With the patient’s details: field values, notes, reasons and file names'
    : 'Without the patient’s details (field values, notes, reasons, file names): show values to include them';
  const name = (format: string) => `instance-${instanceId}${values ? '' : '-without-details'}.${format}`;
  return (
    <Group gap={6} role="group" aria-label="Export the history">
      {FORMATS.map(({ format, label, Icon }) => (
        <Tooltip key={format} label={what} multiline maw={320}>
          <Button
            component="a"
            href={href(format)}
            download={name(format)}
            variant="default"
            size="xs"
            leftSection={<Icon size={14} aria-hidden />}
            aria-description={what}
            data-testid={`export-${format}`}
          >
            {label}
          </Button>
        </Tooltip>
      ))}
    </Group>
  );
}
