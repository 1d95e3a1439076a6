import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { User } from '../api/types.ts';

export function SignIn() {
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ user: User; csrfToken: string }>('/auth/login', {
        method: 'POST',
        body: { username, password },
      });
      setCsrfToken(result.csrfToken);
      client.setQueryData(['me'], { user: result.user, via: 'session', csrfToken: result.csrfToken });
      await client.invalidateQueries();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="main" withBorder p="xl" w={380} shadow="xs">
        <form onSubmit={submit} aria-labelledby="signin-title">
          <Stack>
            <Title id="signin-title" order={1} size="h2">
              portalflow
            </Title>
            <Text size="sm" c="dimmed">
              Sign in to your clinic's portal workflows.
            </Text>
            {error && (
              <Alert color="red" role="alert" title="Sign-in failed">
                {error}
              </Alert>
            )}
            <TextInput
              label="Username"
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
