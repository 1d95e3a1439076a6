import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { SIGN_IN_ROUTES } from '@portalflow/contract';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import type { SignInResult } from '../api/types.ts';

/** The second sign-in step: the authenticator's code, or one recovery code. */
export function CodeStep({
  username,
  onSignedIn,
  onCancel,
}: {
  username: string;
  onSignedIn: (result: SignInResult) => void | Promise<void>;
  onCancel: () => void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = useRecovery
        ? { recoveryCode: code.trim(), rememberDevice: remember }
        : { code: code.replace(/\s/g, ''), rememberDevice: remember };
      await onSignedIn(await call(SIGN_IN_ROUTES.verifyTotp, { body }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="code-title" data-testid="totp-step">
      <Stack>
        <Title id="code-title" order={1} size="h2">
          Enter your code
        </Title>
        <Text size="sm" c="gray.7">
          {useRecovery
            ? `Type one of the recovery codes you saved when you set up two-factor sign-in for ${username}. Each works once.`
            : `Open your authenticator app and type the 6-digit code it shows for portalflow (${username}).`}
        </Text>
        {error && (
          <Alert color="red" role="alert" title="Not signed in yet">
            {error}
          </Alert>
        )}
        <TextInput
          label={useRecovery ? 'Recovery code' : 'Authentication code'}
          name={useRecovery ? 'recovery-code' : 'one-time-code'}
          autoComplete="one-time-code"
          inputMode={useRecovery ? 'text' : 'numeric'}
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          data-testid="totp-code"
        />
        <Checkbox
          label="Remember this browser for this shift (no code for 12 hours)"
          checked={remember}
          onChange={(e) => setRemember(e.currentTarget.checked)}
          data-testid="totp-remember"
        />
        <Button type="submit" loading={busy}>
          Verify
        </Button>
        <Group justify="space-between">
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setUseRecovery(!useRecovery);
              setCode('');
              setError(null);
            }}
            data-testid="totp-use-recovery"
          >
            {useRecovery ? 'Use the authenticator app instead' : 'Use a recovery code'}
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={onCancel}>
            Cancel
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
