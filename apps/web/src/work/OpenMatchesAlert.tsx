import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { OpenMatch } from '@portalflow/contract';
import { Copy, Search } from 'lucide-react';
import { formatWhen } from '../shell/time.ts';

/** One open step as the warning says it: "Pharmacy refill coordinator: Prepare the refill… (taken by Hannah Lee)". */
function stepText(w: OpenMatch['waitingOn'][number]): string {
  const what = [w.roleName, w.title].filter(Boolean).join(': ') || 'a wait';
  return w.heldBy ? `${what} (taken by ${w.heldBy})` : what;
}

/**
 * Open requests a new one would repeat: what each is, when it started (and who started it), what it
 * waits on and who has it — as far as the person may read it — and a button that opens it in Request
 * status, to see it before deciding.
 */
export function OpenMatchesAlert({
  matches,
  onShow,
}: {
  matches: OpenMatch[];
  /** Opens the request in Request status (by its id: the patient goes in no address). */
  onShow: (match: OpenMatch) => void;
}) {
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
          <Group key={m.instanceId} justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <div>
              <Text size="sm" fw={600}>
                {m.subject}
              </Text>
              <Text size="xs" c="gray.8">
                Started {formatWhen(m.startedAt)}
                {m.startedBy ? ` by ${m.startedBy}` : ''}
                {m.waitingOn.length > 0 && ` · waiting on ${m.waitingOn.map(stepText).join('; ')}`}
              </Text>
              {!m.readable && (
                <Text size="xs" c="gray.8">
                  Only the roles working on it see more of it.
                </Text>
              )}
            </div>
            <Button
              size="compact-xs"
              variant="white"
              color="dark"
              leftSection={<Search size={12} aria-hidden />}
              onClick={() => onShow(m)}
              style={{ flex: '0 0 auto' }}
              data-testid={`new-request-match-show-${m.instanceId}`}
            >
              Show it
            </Button>
          </Group>
        ))}
        <Text size="xs">
          Starting another would put the same work in the pool twice. Close this form if it is the same
          request, or start it anyway if it is a new one.
        </Text>
      </Stack>
    </Alert>
  );
}
