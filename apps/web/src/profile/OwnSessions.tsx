import { Alert, Button, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { SessionTable } from '../accounts/SessionTable.tsx';
import { notifications } from '../shell/notifications.ts';
import { countOf } from '../shell/plural.ts';
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
            <SessionTable
              sessions={sessions.data}
              onEnd={(s) => void signOut(s.id)}
              canEnd={(s) => !s.current}
              ending={end.isPending ? end.variables : null}
              testId="own-sessions"
              rowTestId="own-session"
              endTestId="own-session-end"
            />
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
