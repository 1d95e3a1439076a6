import { Alert, Stack, Text } from '@mantine/core';
import type { OpenMatch } from '@portalflow/contract';
import { Copy } from 'lucide-react';
import { formatWhen } from '../shell/time.ts';

/** Open requests a new one would repeat: what each is, who started it and what it waits on. */
export function OpenMatchesAlert({ matches }: { matches: OpenMatch[] }) {
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<Copy size={16} aria-hidden />}
      title={matches.length === 1 ? 'This request is already open' : 'These requests are already open'}
      role="alert"
      p="xs"
      // Yellow's own title colour is too faint on its background (contrast 2.7).
      styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}
      data-testid="new-request-matches"
    >
      <Stack gap={6}>
        {matches.map((m) => (
          <div key={m.instanceId}>
            <Text size="sm" fw={600}>
              {m.subject}
            </Text>
            <Text size="xs" c="gray.8">
              Started {formatWhen(m.startedAt)}
              {m.startedBy ? ` by ${m.startedBy}` : ''}
              {m.waitingOn.length > 0 &&
                ` · waiting on ${m.waitingOn
                  .map((w) => (w.roleName ? `${w.roleName}: ${w.title}` : w.title))
                  .join('; ')}`}
            </Text>
          </div>
        ))}
        <Text size="xs">
          Starting another would put the same work in the pool twice. Close this form if it is the same
          request, or start it anyway if it is a new one.
        </Text>
      </Stack>
    </Alert>
  );
}
