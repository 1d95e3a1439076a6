import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  List,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { SIGN_IN_ROUTES, type TotpSetup } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import type { SignInResult } from '../api/types.ts';
import { OtpQrCode } from './OtpQrCode.tsx';
import { twoFactorResetText } from './twoFactorResetText.ts';

/** A hyphenated word kept whole: a narrow heading wraps before it, never at its hyphen ("sign-" / "in"). */
const Unbroken = ({ children }: { children: string }) => (
  <span style={{ whiteSpace: 'nowrap' }}>{children}</span>
);

/** The setup key in groups of four, as authenticator apps show and accept it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Setting up an authenticator app: the setup key and otpauth:// link are shown once (starting again
 * makes a new one), then a first code proves the app has it.
 */
export function EnrollTwoFactor({
  onEnrolled,
  onCancel,
}: {
  onEnrolled: (result: SignInResult) => void | Promise<void>;
  onCancel: () => void;
}) {
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Set up again after an admin reset it: the person is told so, not left to wonder why. When, on the
  // clinic's clock that comes with it: the clinic's configuration waits for a full sign-in.
  const reset = useQuery({
    queryKey: ['two-factor-reset-at'],
    queryFn: async () => {
      const { twoFactor, clinicTime } = await call(SIGN_IN_ROUTES.me, {});
      return twoFactor.resetAt ? { at: twoFactor.resetAt, clinicTime } : null;
    },
    staleTime: 0,
    gcTime: 0,
  }).data;

  async function begin() {
    setBusy(true);
    setError(null);
    try {
      setSetup(await call(SIGN_IN_ROUTES.setupTotp, { body: {} }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onEnrolled(
        await call(SIGN_IN_ROUTES.confirmTotp, {
          body: { code: code.replace(/\s/g, ''), rememberDevice: remember },
        }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack data-testid="totp-enroll">
      <Title order={1} size="h2">
        Set up <Unbroken>two-factor</Unbroken> <Unbroken>sign-in</Unbroken>
      </Title>
      {reset ? (
        <Text size="sm" c="gray.7" data-testid="totp-enroll-reason">
          {twoFactorResetText(reset.at, Date.now(), reset.clinicTime)}
        </Text>
      ) : (
        <Text size="sm" c="gray.7">
          Your roles let you see or change every clinic workflow, so you sign in with a password and a code
          from an authenticator app. This takes a minute, once.
        </Text>
      )}
      {error && (
        <Alert color="red" role="alert" title="Not set up yet">
          {error}
        </Alert>
      )}
      {!setup ? (
        <Group>
          <Button onClick={begin} loading={busy} data-testid="totp-enroll-start">
            Set up an authenticator app
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={onCancel}>
            Cancel
          </Anchor>
        </Group>
      ) : (
        <form onSubmit={confirm} aria-label="Confirm the authenticator">
          <Stack>
            <List type="ordered" size="sm" spacing={6}>
              <List.Item>
                In your authenticator app, add an account and scan this code:
                <OtpQrCode uri={setup.otpauthUri} />
              </List.Item>
              <List.Item>
                Cannot scan? Enter this setup key instead (shown only now):{' '}
                <Code fz="sm" data-testid="totp-secret" data-secret={setup.secret}>
                  {grouped(setup.secret)}
                </Code>{' '}
                <CopyButton value={setup.secret}>
                  {({ copied, copy }) => (
                    <Anchor component="button" type="button" size="xs" onClick={copy}>
                      {copied ? 'Copied' : 'Copy'}
                    </Anchor>
                  )}
                </CopyButton>
              </List.Item>
              <List.Item>
                <Anchor href={setup.otpauthUri} size="sm" data-testid="totp-uri">
                  Open in an authenticator app
                </Anchor>
              </List.Item>
              <List.Item>Type the 6-digit code the app now shows for portalflow.</List.Item>
            </List>
            <TextInput
              label="Authentication code"
              name="one-time-code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
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
            <Group>
              <Button type="submit" loading={busy} data-testid="totp-enroll-confirm">
                Finish setup
              </Button>
              <Anchor component="button" type="button" size="sm" onClick={onCancel}>
                Cancel
              </Anchor>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
