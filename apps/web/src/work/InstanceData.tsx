import { DataList, Text } from '@mantine/core';
import type { FormField } from '@portalflow/engine';
import { dataEntries } from './format.ts';

/** The instance's data as a readable list: declared fields first, with their form labels. */
export function InstanceData({
  data,
  fields,
}: {
  data: Record<string, unknown>;
  fields?: readonly FormField[];
}) {
  const entries = dataEntries(data, fields);
  if (entries.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        No details were recorded with this request yet.
      </Text>
    );
  }
  return (
    <DataList size="sm" gap={6} labelWidth="150px" withDivider data-testid="instance-data">
      {entries.map((e) => (
        <DataList.Item key={e.key}>
          <DataList.ItemLabel>
            <Text size="sm" c="gray.7" component="span">
              {e.label}
            </Text>
          </DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {e.value}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
