import { DataList, Text } from '@mantine/core';
import type { FormField } from '@portalflow/engine';
import { dataEntries } from './format.ts';

/**
 * The label column has a set share of the width, so a long question ("The balance comes from an
 * insurance problem…") wraps in it instead of squeezing its answer: sized by its text, it took the
 * row and "Yes" broke into "Ye / s". The answers then start at one edge, easy to run an eye down.
 */
const LABEL = { flex: '0 0 40%', maxWidth: 220, overflowWrap: 'break-word' } as const;
/** A short answer stays whole; only a word longer than the whole column breaks. */
const VALUE = { flex: '1 1 0', minWidth: 0, overflowWrap: 'break-word', whiteSpace: 'pre-wrap' } as const;

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
          <DataList.ItemLabel style={LABEL}>
            <Text size="sm" c="gray.7" component="span">
              {e.label}
            </Text>
          </DataList.ItemLabel>
          <DataList.ItemValue style={VALUE}>{e.value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
