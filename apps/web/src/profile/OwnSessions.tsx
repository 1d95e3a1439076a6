import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { countOf } from '../shell/plural.ts';
import { formatWhen } from '../shell/time.ts';
import { useEndOwnSessions, useOwnSessions } from './api.ts';

/** "Where you are signed in": each browser with when it signed in and was last used; sign out there. */
export function OwnSessions() {
  const sessions = useOwnSessions();
  const end = useEndOwnSessions();
  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  const signOut = (id: string | null) =>
    end
      .mutateAsync(id)
      .then((n) =>
        notifications.show({
          color: 'teal',
          title: 'Signed out',
          message: id === null ? `${countOf(n, 'other session')} signed out.` : 'That browser is signed out.',
        }),
      )
      .catch((error: Error) =>
        notifications.show({ color: 'red', title: 'Not signed out', message: error.message }),
      );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="own-sessions-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="own-sessions-title">
          Where you are signed in
        </Title>
        <Text size="sm" c="gray.8">
          A browser you do not recognise, or one left signed in at a shared desk: sign it out here.
        </Text>
        {sessions.isPending ? (
          <Loader size="sm" role="status" aria-label="Loading where you are signed in" />
        ) : sessions.error ? (
          <Alert color="red" title="Could not load your sessions">
            {sessions.error.message}
          </Alert>
        ) : (
          <>
            <Table data-testid="own-sessions" verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Browser</Table.Th>
                  <Table.Th>Signed in</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.data.map((s) => (
                  <Table.Tr key={s.id} data-testid="own-session" data-current={s.current || undefined}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">{s.clientHint ?? 'Unknown browser'}</Text>
                        {s.current && (
                          <Badge size="sm" variant="outline" color="teal.9" tt="none">
                            This browser
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatWhen(s.createdAt)}</Table.Td>
                    <Table.Td>{s.current ? 'Now' : formatWhen(s.lastSeenAt)}</Table.Td>
                    <Table.Td>
                      {!s.current && (
                        <Button
                          size="xs"
                          variant="default"
                          loading={end.isPending && end.variables === s.id}
                          onClick={() => void signOut(s.id)}
                          aria-label={`Sign out ${s.clientHint ?? 'that browser'}, signed in ${formatWhen(s.createdAt)}`}
                          data-testid="own-session-end"
                        >
                          Sign out
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Button
              size="xs"
              color="red"
              variant="light"
              disabled={others === 0}
              loading={end.isPending && end.variables === null}
              onClick={() => void signOut(null)}
              style={{ alignSelf: 'flex-start' }}
              data-testid="own-sessions-end-others"
            >
              Sign out everywhere else
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}
