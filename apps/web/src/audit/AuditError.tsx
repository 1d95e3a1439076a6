import { Alert, Code, Text } from '@mantine/core';
import { ApiError } from '../api/client.ts';

/**
 * A refusal on an audit screen: the server's words and its code (what an auditor quotes to an admin or
 * writes in a finding), in an alert read out when it appears.
 */
export function AuditError({ title, error }: { title: string; error: Error | null | undefined }) {
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm">{error?.message ?? 'Nothing was found.'}</Text>
      {error instanceof ApiError && (
        <Text size="xs" c="dimmed" mt={4}>
          Code: <Code>{error.code}</Code>
        </Text>
      )}
    </Alert>
  );
}
