import { Button, Group } from '@mantine/core';
import { Braces, FileSpreadsheet } from 'lucide-react';

/** Downloads the history from the server's export (an attachment; the download is logged). */
export function ExportButtons({ instanceId }: { instanceId: string }) {
  const href = (format: 'json' | 'csv') =>
    `/api/instances/${encodeURIComponent(instanceId)}/export?format=${format}`;
  return (
    <Group gap={6} role="group" aria-label="Export the history">
      <Button
        component="a"
        href={href('json')}
        download={`instance-${instanceId}.json`}
        variant="default"
        size="xs"
        leftSection={<Braces size={14} aria-hidden />}
        data-testid="export-json"
      >
        Export JSON
      </Button>
      <Button
        component="a"
        href={href('csv')}
        download={`instance-${instanceId}.csv`}
        variant="default"
        size="xs"
        leftSection={<FileSpreadsheet size={14} aria-hidden />}
        data-testid="export-csv"
      >
        Export CSV
      </Button>
    </Group>
  );
}
