import { Alert, Text } from '@mantine/core';
import { CircleAlert } from 'lucide-react';
import { countOf } from '../../shell/plural.ts';
import type { AttachFailure } from './attachAll.ts';

/**
 * The request is started but some of its files were refused: which, and why, and that nothing else
 * was lost. They can be sent again from here or attached later on the request's task in My work.
 */
export function NotAttachedAlert({ failures, attached }: { failures: AttachFailure[]; attached: number }) {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<CircleAlert size={16} aria-hidden />}
      title={`The request is started; ${countOf(failures.length, 'file')} not attached`}
      role="alert"
      data-testid="new-request-not-attached"
    >
      {failures.map((f) => (
        <Text key={f.pending.key} size="sm" style={{ overflowWrap: 'anywhere' }}>
          <b>{f.pending.file.name}</b>: {f.message}
        </Text>
      ))}
      <Text size="sm" mt={6}>
        {attached > 0 ? `${countOf(attached, 'file')} attached. ` : ''}
        Press <b>Attach again</b>, take a file off or choose it again, or close and attach it later on the
        request’s task in My work.
      </Text>
    </Alert>
  );
}
