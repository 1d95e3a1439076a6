import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { SIGN_IN_ROUTES } from '@portalflow/contract';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';

/**
 * "Forgot your password?": the username or work email address, and an email with a link to choose a
 * new password. The answer reads the same whatever was typed, so it tells nobody who has an account.
 */
export function ForgotPassword({ initial, onCancel }: { initial: string; onCancel: () => void }) {
  const [who, setWho] = useState(initial);
  const [answer, setAnswer] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setAnswer((await call(SIGN_IN_ROUTES.forgotPassword, { body: { who } })).message);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="forgot-password-title">
      <Stack>
        <Title id="forgot-password-title" order={1} size="h2">
          Forgot your password?
        </Title>
        {answer ? (
          <Alert color="blue" role="status" title="Check your email" data-testid="forgot-password-answer">
            {answer}
          </Alert>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Type your username or work email address. We email you a link to choose a new password; your
              authenticator app stays as it is.
            </Text>
            {error && (
              <Alert color="red" role="alert" title="Not sent">
                {error}
              </Alert>
            )}
            <TextInput
              label="Username or work email"
              autoComplete="username"
              required
              value={who}
              onChange={(e) => setWho(e.currentTarget.value)}
            />
          </>
        )}
        <Group justify="space-between">
          <Button variant="subtle" onClick={onCancel}>
            Back to sign-in
          </Button>
          {!answer && (
            <Button type="submit" loading={busy}>
              Email me a link
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
