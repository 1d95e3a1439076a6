import { Text } from '@mantine/core';
import { getVersion, type Startable } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { dayIn } from '../shell/time.ts';
import { fieldList, requestNamePreview } from './requestName.ts';

/**
 * Under the start form, the name the request will be listed as in every pool and notice
 * ("DEMO-8002 · Appointment: Procedure"), as the form is filled: the front desk sees before starting
 * it whether colleagues will tell it from the patient's other requests, and which field would. Built
 * by the engine from the published version the request will start on, as the server names it.
 */
export function RequestNamePreview({
  workflow,
  data,
}: {
  workflow: Startable;
  /** The start form as it will be sent, without the answers it would refuse. */
  data: Record<string, unknown>;
}) {
  const { definitionId: id, version: v } = workflow;
  const published = useQuery({
    queryKey: ['new-request', 'version', id, v],
    queryFn: () => call(getVersion, { params: { id, v } }),
    enabled: workflow.hasSubject,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const definition = published.data?.version.definition;
  if (!workflow.hasSubject || !definition) return null;
  // The clinic's day, as every date answer is written: a date in another year then says its year.
  const { name, missing } = requestNamePreview(definition, data, dayIn(Date.now()));
  if (name === null && missing.length === 0) return null;
  return (
    <div data-testid="new-request-name">
      {name !== null && (
        <Text size="sm">
          Will be listed as: <b>{name}</b>
        </Text>
      )}
      {missing.length > 0 && (
        <Text size="xs" c="gray.7" data-testid="new-request-name-missing">
          {fieldList(missing)} would tell it apart from other requests in the list.
        </Text>
      )}
    </div>
  );
}
