import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { SIGN_IN_ROUTES } from '@portalflow/contract';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';

/**
 * Choosing a password with a one-time code an admin gave (a new account, or a reset). The code works
 * once and expires; afterwards the person signs in with the new password as usual.
 */
export function SetPasswordWithCode({
  initialUsername,
  initialCode = '',
  onDone,
  onCancel,
  cancelLabel = 'Back to sign-in',
}: {
  initialUsername: string;
  /** The code of an emailed link, filled in for the person. */
  initialCode?: string;
  onDone: (username: string) => void;
  onCancel: () => void;
  /** Where the other button goes, in words (signed in already: back to the app). */
  cancelLabel?: string;
}) {
  const [username, setUsername] = useState(initialUsername);
  const [code, setCode] = useState(initialCode);
  const fromLink = initialCode !== '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeat) {
      setError('The two passwords are not the same');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call(SIGN_IN_ROUTES.setPassword, { body: { username, code, password } });
      onDone(username);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="set-password-title">
      <Stack>
        <Title id="set-password-title" order={1} size="h2">
          Choose your password
        </Title>
        <Text size="sm" c="dimmed">
          {fromLink
            ? 'Your username and the code from your email are filled in: choose your password. The link works once and expires.'
            : 'Enter the one-time code your admin gave you. It works once and expires.'}
        </Text>
        {error && (
          <Alert color="red" role="alert" title="Password not set">
            {error}
          </Alert>
        )}
        <TextInput
          label="Username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
        />
        <TextInput
          label="One-time code"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX"
        />
        <PasswordInput
          label="New password"
          description="At least 12 characters; a short sentence is easy to remember"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <PasswordInput
          label="New password again"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
        />
        <Group justify="space-between">
          <Button variant="subtle" onClick={onCancel}>
            {cancelLabel}
          </Button>
          <Button type="submit" loading={busy}>
            Set password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
